import DMLXCore
import DMLXTerm

/// The selected point and its k nearest neighbours in the focused run's embedding at the
/// shown epoch: label, distance, a mark for each wrong-class neighbour and for each that
/// the map draws far away (`FarOnMap`), with a picture of the point for image data.
struct NeighborPanel: Widget {
    let state: AppState
    let neighbors: [PointNeighbors.Neighbor]
    var farOnMap: Set<Int> = []

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, state.data.testLabels.indices.contains(state.selection) else { return }
        let label = state.data.testLabels[state.selection]
        let found = neighbors
        let sameClass = found.filter { state.data.testLabels[$0.index] == label }.count
        let header = "#\(state.selection) \(state.data.labelText(label))  k=\(state.neighborCount)  \(sameClass)/\(found.count) same class"
        buffer.set(x: area.x, y: area.y, string: header, style: .foreground(.title, bold: true), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let thumbnailWidth = state.data.imageShape == nil ? 0 : min(16, body.width / 3)
        let columns = Layout.horizontal([.fill, .fixed(thumbnailWidth)], spacing: thumbnailWidth > 0 ? 1 : 0).split(body)
        let entries = found.enumerated().map { rank, neighbor in
            let neighborLabel = state.data.testLabels[neighbor.index]
            return NeighborList.Entry(rank: rank + 1, index: neighbor.index, label: state.data.labelText(neighborLabel),
                                      distance: Double(neighbor.distance), isWrongClass: neighborLabel != label,
                                      isFarOnMap: farOnMap.contains(neighbor.index))
        }
        NeighborList(entries: entries, glyphs: state.glyphs).render(into: &buffer, area: columns[0])
        if thumbnailWidth > 0, let thumbnail = Thumbnail.of(state.selection, state: state, caption: nil) {
            thumbnail.render(into: &buffer, area: columns[1])
        }
    }
}

/// A test point's picture as a widget.
enum Thumbnail {
    static func of(_ index: Int, state: AppState, caption: String?) -> ImageThumbnail? {
        guard let image = state.data.image(of: index) else { return nil }
        return ImageThumbnail(image: HalfBlockImage(width: image.width, height: image.height, pixels: image.pixels),
                              caption: caption, glyphs: state.glyphs, capability: state.capability)
    }
}
