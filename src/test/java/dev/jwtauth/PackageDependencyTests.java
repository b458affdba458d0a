package dev.jwtauth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of the dependencies between the feature packages: {@code web → user →
 * security}, {@code security} uses no other package of the service, and each later
 * capability is a package of its own that the table below names. A dependency the table
 * does not allow is a class in the wrong package or a dependency to invert, not a row to
 * widen.
 */
@AnalyzeClasses(packages = "dev.jwtauth", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependencyTests {

	private static final String[] PACKAGES = { "dev.jwtauth", "dev.jwtauth.admin..", "dev.jwtauth.django..",
			"dev.jwtauth.mail..", "dev.jwtauth.ops..", "dev.jwtauth.security..", "dev.jwtauth.throttle..",
			"dev.jwtauth.user..", "dev.jwtauth.web.." };

	@ArchTest
	static final ArchRule dependenciesWhenBetweenPackagesThenOnlyThoseTheTableAllows = layeredArchitecture()
		.consideringOnlyDependenciesInAnyPackage("dev.jwtauth..")
		.layer("application")
		.definedBy("dev.jwtauth")
		.layer("admin")
		.definedBy("dev.jwtauth.admin..")
		.layer("django")
		.definedBy("dev.jwtauth.django..")
		.layer("mail")
		.definedBy("dev.jwtauth.mail..")
		.layer("ops")
		.definedBy("dev.jwtauth.ops..")
		.layer("web")
		.definedBy("dev.jwtauth.web..")
		.layer("user")
		.definedBy("dev.jwtauth.user..")
		.layer("throttle")
		.definedBy("dev.jwtauth.throttle..")
		.layer("security")
		.definedBy("dev.jwtauth.security..")
		// The main class wires the commands in; nothing may need it in return
		.whereLayer("application")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("admin")
		.mayOnlyAccessLayers("user", "security")
		.whereLayer("django")
		.mayOnlyAccessLayers("user", "security")
		.whereLayer("ops")
		.mayNotAccessAnyLayer()
		.whereLayer("mail")
		.mayNotAccessAnyLayer()
		.whereLayer("web")
		.mayOnlyAccessLayers("user", "mail", "throttle", "security")
		.whereLayer("user")
		.mayOnlyAccessLayers("mail", "throttle", "security")
		.whereLayer("throttle")
		.mayOnlyAccessLayers("security")
		.whereLayer("security")
		.mayNotAccessAnyLayer();

	// A new package outside the table would escape the rule above
	@ArchTest
	static final ArchRule packageWhenAddedThenNamedInTheTable = classes().should()
		.resideInAnyPackage(PACKAGES)
		.because("every package needs its row in the dependency table above");

	@ArchTest
	static final ArchRule packagesWhenDependingOnEachOtherThenWithoutCycles = slices().matching("dev.jwtauth.(*)..")
		.should()
		.beFreeOfCycles();

}
