import PaiweiCore
import PaiweiReports

/// Sentences more than one command says, written once.
extension Message {
    /// A `--seed` that is not a seed.
    static func seedDigits(_ hex: String) -> Message {
        Message("--seed must be 64 hexadecimal digits (32 bytes), got \(hex.count) characters",
                "--seed 必须是 64 位十六进制数字（32 字节），而给出的是 \(hex.count) 个字符")
    }

    /// The last line of a command that wrote a folder: where it is and what is in it.
    static func results(_ folder: String, _ files: String? = nil) -> Message {
        guard let files else { return Message("Results: \(folder)", "结果：\(folder)") }
        return Message("Results: \(folder) (\(files))", "结果：\(folder)（\(files)）")
    }

    /// An output folder that is there already (the library's own words for it).
    static func exists(_ folder: String) -> Message {
        OutputFolder.WriteError.exists(folder).message
    }
}

extension Mechanism {
    /// The mechanism's name in the policy documents (docs/glossary.md).
    var chinese: String {
        switch self {
        case .immediateAcceptance: "志愿优先"
        case .deferredAcceptance: "延迟接受"
        case .parallel: "平行志愿"
        case .topTradingCycles: "顶层交易循环"
        }
    }
}
