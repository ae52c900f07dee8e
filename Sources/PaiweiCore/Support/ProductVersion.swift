/// The product and version recorded in every audit file, so that a verifier knows which engine made a result.
public enum Product {
    public static let name = "paiwei"
    public static let version = "0.2.0"
}
