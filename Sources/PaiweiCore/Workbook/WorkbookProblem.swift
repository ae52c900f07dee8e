/// A message in the two languages the project speaks.
public struct BilingualText: Sendable, Hashable {
    public let english: String
    public let chinese: String

    public init(english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }
}

/// Something wrong with a workbook being read, as its user is told.
///
/// Every sentence the Workbook codecs show a person is here, in English and Chinese side by side:
/// the workbook's own problems below, and those of the zip, deflate and XML layers under it (whose
/// `description`s are the English halves), so that a translation is checked in one place.
/// `InputProblem.message` takes ``english`` for now.
public enum WorkbookProblem: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: The workbook as a whole (reported with no row)

    /// The file is not a zip, or its zip structure is damaged.
    case unreadable(ZipError)
    /// An OLE compound file: a password-protected workbook, or an Excel 97–2003 .xls.
    case encryptedOrLegacy
    /// A part the package needs is not in it.
    case missingPart(String)
    /// A part is not well-formed XML.
    case malformedPart(String, XMLError)
    /// workbook.xml names no worksheet.
    case noWorksheet
    /// The first worksheet holds no value at all, so not even a header.
    case emptySheet
    /// The first worksheet has more cells (counting the empty ones between) than allowed.
    case tooManyCells(limit: Int)

    // MARK: A row

    /// Rows must come in ascending order, each once.
    case rowOutOfOrder(row: Int, previous: Int)
    /// A row number that is not one (Excel's rows are 1 to 1,048,576).
    case badRowNumber(String)

    // MARK: A cell

    /// A cell reference that is not one (columns A to XFD), or that goes backwards in its row.
    case badCellReference(String)
    /// The cell holds an error value, such as `#N/A` or `#DIV/0!`.
    case errorValue(String)
    /// The cell holds a time of day (a time format, or a date with a time).
    case timeOfDay
    /// A date-formatted number outside the days Excel can show.
    case dateOutOfRange(String)
    /// A date cell (`t="d"`) whose text is not an ISO 8601 date.
    case badDate(String)
    /// A formula saved without its value (written by a program that does not calculate).
    case formulaWithoutValue
    /// A number cell whose text is not a number.
    case badNumber(String)
    /// A boolean cell whose value is neither 0 nor 1.
    case badBoolean(String)
    /// A shared-string cell whose index is past the end of the shared strings.
    case missingSharedString(Int)
    /// A cell type (`t="…"`) that SpreadsheetML does not define.
    case unknownCellType(String)

    // MARK: The header and the cells under it

    /// A column between named ones has no name in the header row.
    case unnamedHeaderColumn(String)
    /// Two header cells have the same name.
    case duplicateHeaderName
    /// A cell holds a value in a column the header does not name.
    case valueOutsideHeader(String)

    public var description: String { text.english }
    public var english: String { text.english }
    public var chinese: String { text.chinese }
    /// The problem as the rest of Paiwei says things, for ``InputProblem``.
    public var message: Message { Message(text.english, text.chinese) }

    public var text: BilingualText {
        switch self {
        case .unreadable(let error):
            let detail = error.text
            return BilingualText(english: "the workbook cannot be read: \(detail.english)",
                                 chinese: "无法读取工作簿：\(detail.chinese)")
        case .encryptedOrLegacy:
            return BilingualText(english: "the file is a password-protected workbook or an old .xls file: save it from Excel as an .xlsx workbook without a password",
                                 chinese: "该文件是设有密码的工作簿或旧版 .xls 文件：请在 Excel 中另存为不设密码的 .xlsx 工作簿")
        case .missingPart(let part):
            return BilingualText(english: "the workbook has no \(part)", chinese: "工作簿缺少 \(part)")
        case .malformedPart(let part, let error):
            let detail = error.text
            return BilingualText(english: "\(part) in the workbook is damaged: \(detail.english)",
                                 chinese: "工作簿中的 \(part) 已损坏：\(detail.chinese)")
        case .noWorksheet:
            return BilingualText(english: "the workbook has no worksheet", chinese: "工作簿中没有工作表")
        case .emptySheet:
            return BilingualText(english: "the first worksheet is empty: its first row must be the header",
                                 chinese: "第一个工作表是空的：其第一行必须是表头")
        case .tooManyCells(let limit):
            return BilingualText(english: "the first worksheet has more than \(limit) cells", chinese: "第一个工作表的单元格超过 \(limit) 个")
        case .rowOutOfOrder(let row, let previous):
            return BilingualText(english: "row \(row) is stored after row \(previous): rows must be in order (open and save the workbook in Excel)",
                                 chinese: "第 \(row) 行存放在第 \(previous) 行之后：行必须按顺序存放（请用 Excel 打开并保存工作簿）")
        case .badRowNumber(let text):
            return BilingualText(english: "'\(text)' is not a row number", chinese: "'\(text)' 不是行号")
        case .badCellReference(let text):
            return BilingualText(english: "'\(text)' is not a cell reference, or not in order", chinese: "'\(text)' 不是单元格引用，或顺序不对")
        case .errorValue(let code):
            return BilingualText(english: "the cell holds the error \(code)", chinese: "单元格的值是错误 \(code)")
        case .timeOfDay:
            return BilingualText(english: "a time of day is not a date (format the cell as a date without a time)",
                                 chinese: "时间不是日期（请把单元格设为不含时间的日期格式）")
        case .dateOutOfRange(let value):
            return BilingualText(english: "\(value) is formatted as a date but is not a day Excel can show",
                                 chinese: "\(value) 设为日期格式，但不是 Excel 能显示的日期")
        case .badDate(let text):
            return BilingualText(english: "'\(text)' is not a date", chinese: "'\(text)' 不是日期")
        case .formulaWithoutValue:
            return BilingualText(english: "the formula has no saved value (open and save the workbook in Excel)",
                                 chinese: "公式没有保存计算结果（请用 Excel 打开并保存工作簿）")
        case .badNumber(let text):
            return BilingualText(english: "'\(text)' is not a number", chinese: "'\(text)' 不是数字")
        case .badBoolean(let text):
            return BilingualText(english: "'\(text)' is not a boolean value", chinese: "'\(text)' 不是布尔值")
        case .missingSharedString(let index):
            return BilingualText(english: "the cell refers to shared string \(index), which the workbook does not have",
                                 chinese: "单元格引用了不存在的共享字符串 \(index)")
        case .unknownCellType(let type):
            return BilingualText(english: "the cell has the unknown type '\(type)'", chinese: "单元格的类型 '\(type)' 无法识别")
        case .unnamedHeaderColumn(let column):
            return BilingualText(english: "column \(column) of the header has no name", chinese: "表头第 \(column) 列没有名称")
        case .duplicateHeaderName:
            return BilingualText(english: "the header names this column twice", chinese: "表头中此列名称重复")
        case .valueOutsideHeader(let cell):
            return BilingualText(english: "cell \(cell) holds a value, but the header names no column there",
                                 chinese: "单元格 \(cell) 有值，但表头中该列没有名称")
        }
    }
}

// MARK: The layers under the workbook

extension ZipError {
    public var text: BilingualText {
        switch self {
        case .notAZip:
            BilingualText(english: "not a zip archive (no end-of-central-directory record)", chinese: "不是 zip 压缩文件（找不到中央目录结束记录）")
        case .multiDisk:
            BilingualText(english: "a zip archive split over several files", chinese: "分卷 zip 压缩文件")
        case .truncated(let what):
            BilingualText(english: "the zip archive is cut short (\(what))", chinese: "zip 压缩文件不完整（\(what)）")
        case .badSignature(let what, let offset):
            BilingualText(english: "the zip archive has no \(what) at byte \(offset)", chinese: "zip 压缩文件第 \(offset) 字节处缺少 \(what)")
        case .encrypted(let entry):
            BilingualText(english: "the zip entry \(entry) is encrypted", chinese: "zip 条目 \(entry) 已加密")
        case .unsupportedMethod(let entry, let method):
            BilingualText(english: "the zip entry \(entry) uses compression method \(method) (only 0 and 8 are read)",
                          chinese: "zip 条目 \(entry) 使用压缩方法 \(method)（仅支持 0 和 8）")
        case .entryTooLarge(let entry, let size, let limit):
            BilingualText(english: "the zip entry \(entry) is \(size) bytes, over the limit of \(limit)",
                          chinese: "zip 条目 \(entry) 有 \(size) 字节，超过上限 \(limit)")
        case .damaged(let entry, let error):
            BilingualText(english: "the zip entry \(entry) is damaged: \(error.text.english)",
                          chinese: "zip 条目 \(entry) 已损坏：\(error.text.chinese)")
        case .sizeMismatch(let entry):
            BilingualText(english: "the zip entry \(entry) does not have the size its directory declares",
                          chinese: "zip 条目 \(entry) 的大小与目录记录不符")
        case .checksumMismatch(let entry):
            BilingualText(english: "the zip entry \(entry) fails its CRC-32 check", chinese: "zip 条目 \(entry) 未通过 CRC-32 校验")
        case .duplicateEntry(let name):
            BilingualText(english: "the zip archive has two entries named \(name)", chinese: "zip 压缩文件中有两个名为 \(name) 的条目")
        case .tooLargeToWrite(let what):
            BilingualText(english: "too large for a zip archive without ZIP64: \(what)", chinese: "超出不使用 ZIP64 的 zip 压缩文件的上限：\(what)")
        }
    }
}

extension InflateError {
    public var text: BilingualText {
        switch self {
        case .truncated:
            BilingualText(english: "the deflate stream ends too early", chinese: "deflate 数据流提前结束")
        case .invalidBlockType:
            BilingualText(english: "a deflate block has the reserved type 3", chinese: "deflate 数据块使用了保留类型 3")
        case .storedLengthMismatch:
            BilingualText(english: "a stored deflate block's length does not match its complement", chinese: "未压缩 deflate 数据块的长度与其补码不符")
        case .tooManySymbols:
            BilingualText(english: "a dynamic deflate block declares too many codes", chinese: "动态 deflate 数据块声明的编码过多")
        case .overSubscribedCode(let code):
            BilingualText(english: "the \(code) code of a deflate block is over-subscribed", chinese: "deflate 数据块的 \(code) 编码超额")
        case .incompleteCode(let code):
            BilingualText(english: "the \(code) code of a deflate block is incomplete", chinese: "deflate 数据块的 \(code) 编码不完整")
        case .repeatWithoutPreviousLength:
            BilingualText(english: "a deflate block repeats a code length before any was given", chinese: "deflate 数据块在没有码长时要求重复码长")
        case .codeLengthsOverrun:
            BilingualText(english: "a deflate block's code lengths run past their declared count", chinese: "deflate 数据块的码长超出声明的个数")
        case .missingEndOfBlockCode:
            BilingualText(english: "a deflate block has no end-of-block code", chinese: "deflate 数据块没有块结束编码")
        case .invalidCode(let code):
            BilingualText(english: "a deflate block holds an invalid \(code) code", chinese: "deflate 数据块含有无效的 \(code) 编码")
        case .distanceTooFarBack(let distance, let available):
            BilingualText(english: "a deflate match reaches back \(distance) bytes where only \(available) were written",
                          chinese: "deflate 匹配向前引用 \(distance) 字节，但只输出了 \(available) 字节")
        case .outputLimitExceeded(let limit):
            BilingualText(english: "the deflate stream inflates to more than \(limit) bytes", chinese: "deflate 数据流解压后超过 \(limit) 字节")
        }
    }
}

extension XMLError {
    public var text: BilingualText {
        switch self {
        case .malformed(let what, let offset):
            BilingualText(english: "malformed XML at byte \(offset + 1): \(what)", chinese: "第 \(offset + 1) 字节处 XML 格式错误（\(what)）")
        case .unsupported(let what, let offset):
            BilingualText(english: "unsupported XML at byte \(offset + 1): \(what)", chinese: "第 \(offset + 1) 字节处有不支持的 XML（\(what)）")
        }
    }
}

extension WorkbookWriterError {
    public var text: BilingualText {
        switch self {
        case .invalidSheetName(let name):
            BilingualText(english: "'\(name)' cannot be a worksheet name (1 to 31 characters, none of : \\ / ? * [ ], no ' at either end)",
                          chinese: "'\(name)' 不能用作工作表名称（1 至 31 个字符，不含 : \\ / ? * [ ]，首尾不能是 '）")
        case .duplicateSheetName(let name):
            BilingualText(english: "two worksheets are named '\(name)'", chinese: "有两个工作表名为 '\(name)'")
        case .notFinite(let sheet, let row, let column):
            BilingualText(english: "cell \(WorkbookSheet.columnName(column))\(row) of worksheet '\(sheet)' is not a finite number",
                          chinese: "工作表 '\(sheet)' 的单元格 \(WorkbookSheet.columnName(column))\(row) 不是有限数值")
        case .tooLarge(let sheet):
            BilingualText(english: "worksheet '\(sheet)' has more rows or columns than Excel allows (1,048,576 by 16,384)",
                          chinese: "工作表 '\(sheet)' 的行数或列数超出 Excel 的上限（1,048,576 行，16,384 列）")
        case .noSheets:
            BilingualText(english: "a workbook needs at least one worksheet", chinese: "工作簿至少需要一个工作表")
        case .archive(let error):
            BilingualText(english: "the workbook cannot be written: \(error.text.english)", chinese: "无法写出工作簿：\(error.text.chinese)")
        }
    }
}
