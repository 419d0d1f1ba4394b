/// Every classic Mahalanobis learner dmlx knows (`--method NAME`), with its formula,
/// defaults and paper. Adding a learner: one file conforming to `MahalanobisLearner`,
/// plus one entry here. `kernel-NAME` runs any of them after RBF kernel PCA.
public enum MahalanobisRegistry {
    static let kernelPrefix = "kernel-"

    public static let methods: [RegisteredMethod] = [
        RegisteredMethod(LossDescriptor(
            name: "euclidean", formula: "M = I: the (standardised) input features as they are",
            defaults: "—", paper: "—", family: .baseline))
        { _, _ in EuclideanBaseline() },
        RegisteredMethod(LossDescriptor(
            name: "lda", formula: "L = top C−1 eigenvectors of S_w⁻¹S_b (Fisher discriminants)",
            defaults: "S_w whitened on eigenvalues > 1e-8·λ_max",
            paper: "Fisher, The Use of Multiple Measurements in Taxonomic Problems, 1936", family: .baseline))
        { _, _ in LDA() },
        RegisteredMethod(LossDescriptor(
            name: "pca", formula: "L = the principal axes of the training features (no whitening)",
            defaults: "the fewest axes holding 95% of the variance",
            paper: "Pearson 1901; Hotelling, Analysis of a Complex of Statistical Variables into Principal Components, 1933",
            family: .baseline))
        { _, _ in PCABaseline() },
        RegisteredMethod(LossDescriptor(
            name: "nca", formula: "max Σ_i Σ_{j∈C_i} p_ij, p_ij = softmax_j(−‖Lx_i − Lx_j‖²)",
            defaults: "L₀ = I, L-BFGS, max 100 iterations (--max-iterations)",
            paper: "Goldberger, Roweis, Hinton & Salakhutdinov, Neighbourhood Components Analysis, NIPS 2004", family: .mahalanobis))
        { options, _ in NCA(maxIterations: options.maxIterations ?? 100) },
        RegisteredMethod(LossDescriptor(
            name: "lmnn", formula: "μ Σ_{j⇝i} d_ij + (1−μ) Σ_{j⇝i,l} [1 + d_ij − d_il]₊, d = ‖L(x − y)‖²",
            defaults: "k 3 (--neighbors), μ 0.5, η₀ 1e-7, max 1000 iterations, tolerance 1e-3",
            paper: "Weinberger, Blitzer & Saul, Distance Metric Learning for Large Margin Nearest Neighbor Classification, NIPS 2005", family: .mahalanobis))
        { options, _ in LMNN(neighbors: options.neighbors ?? 3, maxIterations: options.maxIterations ?? 1000) },
        RegisteredMethod(LossDescriptor(
            name: "itml", formula: "min D_ld(M, I) s.t. d_M ≤ u (similar), d_M ≥ l (dissimilar), Bregman projections",
            defaults: "γ 1, 20·C² pairs of each kind (--constraints), u/l 5th/95th percentiles, max 1000 sweeps",
            paper: "Davis, Kulis, Jain, Sra & Dhillon, Information-Theoretic Metric Learning, ICML 2007", family: .mahalanobis))
        { options, seed in ITML(maxIterations: options.maxIterations ?? 1000, constraintCount: options.constraints, seed: seed) },
        RegisteredMethod(LossDescriptor(
            name: "mmc", formula: "min Σ_similar d²_M s.t. Σ_dissimilar d_M ≥ 1, M ⪰ 0 (projected gradient)",
            defaults: "20·C² pairs of each kind (--constraints), max 100 iterations, tolerance 1e-6",
            paper: "Xing, Ng, Jordan & Russell, Distance Metric Learning with Application to Clustering with Side-Information, NIPS 2002", family: .mahalanobis))
        { options, seed in MMC(maxIterations: options.maxIterations ?? 100, constraintCount: options.constraints, seed: seed) },
        RegisteredMethod(LossDescriptor(
            name: "mmc-diagonal", formula: "M = diag(m): min Σ_similar d²_M − ln Σ_dissimilar d_M (Newton–Raphson)",
            defaults: "20·C² pairs of each kind (--constraints), max 100 iterations",
            paper: "Xing, Ng, Jordan & Russell, NIPS 2002, §2.2", family: .mahalanobis))
        { options, seed in
            MMC(maxIterations: options.maxIterations ?? 100, diagonal: true, constraintCount: options.constraints, seed: seed)
        },
        RegisteredMethod(LossDescriptor(
            name: "schultz-joachims", formula: "min Σ_t [1 − (d²_M(i,k) − d²_M(i,j))]₊ + λ‖M‖²_F, M ⪰ 0 (relative comparisons)",
            defaults: "λ 1, 20·C² triplets (--constraints), projected subgradient (Pegasos steps), 1000 iterations, best iterate",
            paper: "Schultz & Joachims, Learning a Distance Metric from Relative Comparisons, NIPS 2003", family: .mahalanobis))
        { options, seed in
            RelativeComparisonLearner(maxIterations: options.maxIterations ?? 1000, constraintCount: options.constraints, seed: seed)
        },
        RegisteredMethod(LossDescriptor(
            name: "farm", formula: "M̂ = diag(w) M diag(w): mean ℓ(d²_M̂(i,k) − d²_M̂(i,j)) + αR(M) + λ‖w‖₁, ℓ the smoothed hinge",
            defaults: "R Frobenius (--regularizer frobenius|l1|nuclear), α 1e-3, λ 1e-4, w ≥ 0, 20·C² triplets, alternating proximal steps, 100 iterations",
            paper: "Ye, Zhan, Si & Jiang, Learning Feature Aware Metric, ACML 2016", family: .mahalanobis))
        { options, seed in
            FARM(regularizer: options.regularizer ?? .frobenius, maxIterations: options.maxIterations ?? 100,
                 constraintCount: options.constraints, seed: seed)
        },
        RegisteredMethod(LossDescriptor(
            name: kernelPrefix + "NAME", formula: "RBF kernel PCA k(x,y) = exp(−γ‖x − y‖²), then the method NAME on the components",
            defaults: "γ 1/d (--kernel-gamma), min(n, 32) components (--kernel-components), e.g. kernel-lmnn",
            paper: "Schölkopf, Smola & Müller, Nonlinear Component Analysis as a Kernel Eigenvalue Problem, 1998",
            family: .mahalanobis))
        { options, seed in
            KernelizedLearner(base: method(named: String(options.name.dropFirst(kernelPrefix.count)))!.make(options, seed),
                              kernelPCA: KernelPCA(gamma: options.kernelGamma, components: options.kernelComponents))
        },
    ]

    /// The names `--method` takes, as listed: `kernel-NAME` stands for `kernel-` before any
    /// other name.
    public static var names: [String] { methods.map(\.descriptor.name) }

    /// The registered method `name` refers to: its own entry, or for `kernel-NAME` (NAME
    /// itself not a kernel method) the kernel entry.
    private static func method(named name: String) -> RegisteredMethod? {
        if name.hasPrefix(kernelPrefix) {
            let base = String(name.dropFirst(kernelPrefix.count))
            guard !base.hasPrefix(kernelPrefix), method(named: base) != nil else { return nil }
            return methods.first { $0.descriptor.name == kernelPrefix + "NAME" }
        }
        return methods.first { $0.descriptor.name == name }
    }

    /// The descriptor of the method called `name`, if there is one.
    public static func descriptor(of name: String) -> LossDescriptor? {
        method(named: name)?.descriptor
    }

    /// The learner of `configuration`, seeded with the run's `seed`.
    public static func makeLearner(_ configuration: MahalanobisConfiguration, seed: UInt64) throws -> any MahalanobisLearner {
        guard let method = method(named: configuration.name) else {
            throw LossRegistryError.unknownMethod(configuration.name, valid: names)
        }
        return method.make(configuration, seed)
    }
}
