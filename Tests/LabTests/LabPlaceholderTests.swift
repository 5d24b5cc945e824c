import Lab
import Testing

@Suite struct LabPlaceholderTests {
  @Test func moduleLinks() {}
}
