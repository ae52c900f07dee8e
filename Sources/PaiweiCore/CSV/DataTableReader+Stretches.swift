import Dispatch

/// Reading the rows of a CSV table in stretches, one worker per stretch, with the same records,
/// lines and problems as one reader from start to end.
///
/// A stretch starts just after a line feed. That is a record boundary unless the line feed is inside
/// a quoted field, which a worker starting there cannot know; so each stretch is read on the guess
/// that it is, and the guess is checked afterwards: the stretches before it must have ended exactly
/// where it starts. Where one did not (a quoted field ran across), the stretch is read again from
/// where the record before it really ended. The line each stretch starts on comes from counting line
/// breaks (``LineBreaks``), which the scanner counts the same way inside quotes and out.
extension DataTableReader {
    /// Where a reader stands: the offset of the next record and its line.
    package struct Place: Equatable, Sendable {
        package var offset: Int
        package var line: Int
    }

    /// Where the next record starts; after reading, where the last record read ended.
    package var place: Place { Place(offset: scanner.position, line: scanner.line) }

    /// Readers for the rows not yet read, split into at most `count` stretches of about equal size,
    /// in file order; each reads the records that start inside its stretch (see ``joined(_:read:)``).
    /// - Parameter workers: threads counting the line breaks that give each stretch its first line.
    package func stretches(_ count: Int, workers: Int) -> [DataTableReader] {
        let bytes = scanner.bytes, start = scanner.position, end = scanner.limit
        guard count > 1, end - start > count else { return [self] }
        var bounds = [start]
        for k in 1..<count {
            let split = LineBreaks.afterNextLineFeed(bytes, from: max(bounds[bounds.count - 1], start + (end - start) / count * k))
            if split < end && split > bounds[bounds.count - 1] { bounds.append(split) }
        }
        bounds.append(end)
        let pieces = bounds.count - 1
        guard pieces > 1 else { return [self] }
        let edges = bounds
        let breaks = ParallelSlots<Int>(count: pieces - 1)
        let countBreaks = { @Sendable (k: Int) in breaks.set(k, LineBreaks.count(bytes, edges[k]..<edges[k + 1])) }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: pieces - 1, execute: countBreaks)
        } else {
            for k in 0..<pieces - 1 { countBreaks(k) }
        }
        var readers: [DataTableReader] = []
        var line = scanner.line
        let counted = breaks.values
        for k in 0..<pieces {
            readers.append(resuming(at: Place(offset: bounds[k], line: line), before: bounds[k + 1]))
            if k < pieces - 1 { line += counted[k]! }
        }
        return readers
    }

    /// A reader of the records that start at `place` and before `limit`.
    func resuming(at place: Place, before limit: Int) -> DataTableReader {
        var reader = self
        reader.scanner = CSVScanner(bytes: scanner.bytes, start: place.offset, line: place.line, limit: limit)
        return reader
    }

    /// One stretch read: what `read` made of it, and the reader after it.
    package struct StretchResult<Part: Sendable>: Sendable {
        package var part: Part
        package var reader: DataTableReader

        package init(part: Part, reader: DataTableReader) {
            self.part = part
            self.reader = reader
        }
    }

    /// The parts of stretches read each on its own (in the order ``stretches(_:workers:)`` gave them), as
    /// one reader would have read the rows: a stretch that did not start where the records before it
    /// ended is read again, by `read`, from where they did.
    /// - Returns: the parts in file order, and whether a quote that never closed ended the reading.
    package static func joined<Part: Sendable>(_ results: [StretchResult<Part>], read: (inout DataTableReader) -> Part)
        -> (parts: [Part], stoppedEarly: Bool) {
        guard let first = results.first else { return ([], false) }
        var parts: [Part] = []
        var reached = first.reader.startPlace
        var stoppedEarly = false
        for result in results {
            let start = result.reader.startPlace, limit = result.reader.scanner.limit
            if start == reached {
                parts.append(result.part)
                reached = result.reader.place
                stoppedEarly = stoppedEarly || result.reader.stoppedEarly
            } else if reached.offset < limit {
                // The records before this stretch ran into it: read it again from where they ended.
                var reader = result.reader.resuming(at: reached, before: limit)
                parts.append(read(&reader))
                reached = reader.place
                stoppedEarly = stoppedEarly || reader.stoppedEarly
            }
            // Else the records before it covered the whole stretch.
        }
        return (parts, stoppedEarly)
    }

    /// Where this reader's stretch started.
    private var startPlace: Place { Place(offset: scanner.start, line: scanner.startLine) }
}
