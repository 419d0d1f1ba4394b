/// The ways dmlx draws an embedding in the plane: a linear map (PCA, exact and fast,
/// but one blob for many-class embeddings) or a non-linear one that keeps local
/// neighbourhoods (t-SNE, UMAP), at the price of distances that no longer mean what
/// they do in the embedding. Every map is scored by `MapTrust`.
public enum MapMethod: String, CaseIterable, Sendable {
    /// The first two principal axes (`PCA`).
    case pca
    /// t-SNE with openTSNE's defaults (`TSNEOptimizer`).
    case tsne
    /// UMAP with umap-learn's defaults (`UMAPOptimizer`).
    case umap

    /// How screens and records name the method.
    public var title: String {
        switch self {
        case .pca: return "PCA"
        case .tsne: return "t-SNE"
        case .umap: return "UMAP"
        }
    }
}
