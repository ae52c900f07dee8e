import Foundation
import PaiweiCore
import Synchronization

/// A progress bar on stderr with rate and time left; silent when stderr is not a terminal (a log file
/// should not fill with carriage returns). Safe to call from any worker thread.
final class ProgressBar: Sendable {
    private let total: Int
    /// What is counted, in the language of the terminal: chosen once, drawn many times.
    private let unit: String
    private let start = ContinuousClock.now
    /// When the bar was last drawn; drawing happens under this lock, so lines never interleave.
    private let lastDrawn = Mutex(ContinuousClock.now - .seconds(1))
    private let enabled = isatty(STDERR_FILENO) == 1

    init(total: Int, unit: Message) {
        self.total = total
        self.unit = unit.text(in: Console.language)
    }

    func update(_ done: Int) {
        guard enabled else { return }
        lastDrawn.withLock { lastDrawn in
            let now = ContinuousClock.now
            guard done == total || now - lastDrawn >= .milliseconds(100) else { return }
            lastDrawn = now
            draw(done, now: now)
        }
    }

    private func draw(_ done: Int, now: ContinuousClock.Instant) {
        let elapsed = Self.seconds(now - start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let perSecond = FixedDecimal.string(rate, decimals: 1), remaining = FixedDecimal.string(left, decimals: 0)
        let line = "\r\(bar) " + Message("\(done)/\(total) \(unit), \(perSecond) \(unit)/s, \(remaining) s left ",
                                          "\(done)/\(total) \(unit)，每秒 \(perSecond) \(unit)，剩余 \(remaining) 秒 ").text(in: Console.language)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

extension Message {
    /// The unit of the simulation's and the forecast's progress bars.
    static let replications = Message("replications", "次模拟")
}
