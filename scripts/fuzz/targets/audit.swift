// libFuzzer target: the audit-record reader (AuditRecord.parse over the JSON parser).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let parsed = try AuditRecord.parse(text)
        // What was read writes out and reads back as the same record.
        let again = try AuditRecord.parse(String(decoding: parsed.record.bytes, as: UTF8.self))
        precondition(again.record == parsed.record, "the audit record does not read back as itself")
    } catch {
        precondition(!error.problems.isEmpty, "a failed parse with no problem")
    }
    return 0
}
