/// Derives the outline from heading blocks: each heading opens a section that runs to the next
/// heading of the same or a higher level.
enum SectionBuilder {
    static func assignSections(_ document: inout Document) {
        var sections: [Section] = []
        var open: [Int] = []
        var headings: [Int] = []
        for index in document.blocks.indices {
            let block = document.blocks[index]
            if block.kind == .heading {
                headings.append(index)
                while let top = open.last, sections[top].level >= block.level {
                    sections[top].blocks = sections[top].blocks.lowerBound..<index
                    open.removeLast()
                }
                let section = Section(heading: index, level: block.level, blocks: index..<document.blocks.count, parent: open.last)
                sections.append(section)
                if let parent = open.last { sections[parent].children.append(sections.count - 1) }
                open.append(sections.count - 1)
            }
            document.blocks[index].section = open.last
        }
        document.sections = sections
        document.headings = headings
        for list in document.lists.indices {
            let first = document.lists[list].items.lazy.compactMap { $0.blocks.first }.first
            document.lists[list].section = first.flatMap { document.blocks[$0].section }
        }
    }
}
