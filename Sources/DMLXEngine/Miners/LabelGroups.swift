/// The indices of a batch grouped by label, so that triplet enumeration visits only
/// valid positives and negatives of each anchor instead of testing every index.
struct LabelGroups {
    /// For each batch index, the indices with its label (itself included), ascending.
    let sameLabel: [[Int]]
    /// For each batch index, the indices with another label, ascending.
    let otherLabel: [[Int]]

    init(_ labels: [Int]) {
        let members = Dictionary(grouping: labels.indices, by: { labels[$0] })
        let nonMembers = members.mapValues { group in
            let groupLabel = labels[group[0]]
            return labels.indices.filter { labels[$0] != groupLabel }
        }
        sameLabel = labels.map { members[$0]! }
        otherLabel = labels.map { nonMembers[$0]! }
    }
}
