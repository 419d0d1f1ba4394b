// swift-tools-version:6.0
// dmlx: a terminal laboratory for distance metric learning.
// Targets follow ../shared/DESIGN.md §2: C shims, Core (matrices, BLAS, RNG, k-NN),
// Engine (data, models, losses, metrics, sessions), and the `dmlx` command line.
import PackageDescription

let package = Package(
    name: "dmlx",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dmlx", targets: ["dmlx"]),
        .library(name: "DMLXEngine", targets: ["DMLXEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLapacke", path: "Sources/CLapacke", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3",
                       providers: [.apt(["libfftw3-dev"])]),
        // No pkgConfig: SwiftPM rejects ncursesw.pc's -D flags with a warning, and the
        // shim header defines what is needed itself.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Debian's libfaiss-dev is a static C++ library with no C API and no .pc file: this
        // shim wraps what dmlx needs in C and links faiss's own dependencies (OpenMP, BLAS).
        .target(name: "CFaiss", cxxSettings: [.headerSearchPath("openmp")], linkerSettings: [
            .linkedLibrary("faiss"), .linkedLibrary("gomp"), .linkedLibrary("openblas"), .linkedLibrary("stdc++"),
        ]),
        .target(name: "DMLXCore", dependencies: ["CBLAS", "CLapacke", "CFaiss"]),
        .target(name: "DMLXEngine", dependencies: ["DMLXCore", "CZlib", "CFFTW"]),
        .target(name: "DMLXTerm"),
        .target(name: "DMLXCurses", dependencies: ["DMLXTerm", "CNcursesw"]),
        .target(name: "DMLXApp", dependencies: ["DMLXEngine", "DMLXTerm"]),
        .target(name: "DMLXTestSupport", dependencies: ["DMLXEngine", "DMLXTerm"]),
        .executableTarget(name: "dmlx", dependencies: [
            "DMLXEngine", "DMLXApp", "DMLXCurses",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Seeded mutation fuzzing of the readers, run by Scripts/robustness.sh.
        .executableTarget(name: "dmlx-fuzz", dependencies: ["DMLXEngine"]),
        .executableTarget(name: "CustomLossExample", dependencies: ["DMLXEngine"],
                          path: "Examples/CustomLoss"),
        .testTarget(name: "DMLXCoreTests", dependencies: ["DMLXCore", "DMLXTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DMLXEngineTests", dependencies: ["DMLXEngine", "DMLXTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DMLXTermTests", dependencies: ["DMLXTerm", "DMLXTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "DMLXCursesTests", dependencies: ["DMLXCurses", "DMLXTestSupport"]),
        .testTarget(name: "DMLXAppTests", dependencies: ["DMLXApp", "DMLXTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "DMLXCommandLineTests", dependencies: ["DMLXTestSupport"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
