package io.omnijourney;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package map stays a map: no cycle between features, and no provider package that uses
 * another. Each rule is also run on a fixture that breaks it ({@code io.omnijourney.archfixture}),
 * to show that it would fail.
 */
class ArchitectureTest {

  private static final String PRODUCT_ROOT = "io.omnijourney";
  private static final String FIXTURE_ROOT = "io.omnijourney.archfixture";

  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(PRODUCT_ROOT);

  /** No cycle between the features ({@code <root>.<feature>..}); see {@link Features}. */
  static ArchRule featuresAreFreeOfCycles(String root) {
    return slices().assignedFrom(new Features(root)).should().beFreeOfCycles();
  }

  /** A provider package ({@code <root>.channel.<provider>..}) uses no other provider package. */
  static ArchRule providersAreIndependent(String root) {
    return slices().matching(root + ".channel.(*)..").should().notDependOnEachOther();
  }

  @Test
  void featuresDependOnEachOtherWithoutCycles() {
    featuresAreFreeOfCycles(PRODUCT_ROOT).check(PRODUCT);
  }

  @Test
  void noProviderUsesAnother() {
    providersAreIndependent(PRODUCT_ROOT).check(PRODUCT);
  }

  @Test
  void twoFeaturesUsingEachOtherFailTheCycleRule() {
    JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    assertThatThrownBy(() -> featuresAreFreeOfCycles(FIXTURE_ROOT).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("Slice a")
        .hasMessageContaining("Slice b");
  }

  @Test
  void aProviderUsingAnotherFailsTheProviderRule() {
    JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    assertThatThrownBy(() -> providersAreIndependent(FIXTURE_ROOT).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Slice one")
        .hasMessageContaining("Slice two");
  }

  /**
   * One slice per feature, as {@code slices().matching("<root>.(*)..")} makes them, except that
   * each provider package {@code <root>.channel.<provider>} is a slice of its own. Providers are
   * adapters: they implement the channel SPI ({@code channel}) that {@code delivery} calls, and they
   * hand what they hear to {@code delivery}, {@code customer} and {@code inbox}. Counted in the
   * {@code channel} slice, that layering would read as a cycle.
   */
  private record Features(String root) implements SliceAssignment {

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      String pkg = type.getPackageName();
      if (!pkg.startsWith(root + ".")) {
        return SliceIdentifier.ignore();
      }
      String[] parts = pkg.substring(root.length() + 1).split("\\.");
      if (parts[0].equals("channel") && parts.length > 1) {
        return SliceIdentifier.of("channel." + parts[1]);
      }
      return SliceIdentifier.of(parts[0]);
    }

    @Override
    public String getDescription() {
      return "features of " + root + " (each provider package on its own)";
    }
  }
}
