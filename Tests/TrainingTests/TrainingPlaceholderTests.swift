import Testing
import Training

@Suite struct TrainingPlaceholderTests {
  @Test func moduleLinks() {}
}
