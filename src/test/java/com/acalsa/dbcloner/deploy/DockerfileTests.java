package com.acalsa.dbcloner.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import com.acalsa.dbcloner.deploy.Dockerfile.Stage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image's definition, checked without a container engine: it builds the way
 * CI does, runs the jar the build produces as a non-root user, and starts only from
 * images pinned to a version.
 */
class DockerfileTests {

	@Test
	void buildStageRunsTheMavenCommandCiRunsWithTheTestsSkipped() throws Exception {
		// given
		String ci = Files.readAllLines(Path.of(".ci", "run"))
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("./mvnw "))
			.collect(Collectors.joining("\n"));
		Stage build = Dockerfile.read().stage("build");

		// when
		List<String> maven = build.arguments("RUN")
			.stream()
			.map(DockerfileTests::withoutRunFlags)
			.filter((command) -> command.startsWith("./mvnw "))
			.toList();

		// then
		assertThat(ci).isEqualTo("./mvnw -B verify");
		assertThat(maven).containsExactly(ci + " -DskipTests");
	}

	@Test
	void everyBaseImageIsPinnedToAFullVersion() throws Exception {
		// given
		List<Stage> stages = Dockerfile.read().stages();

		// then
		assertThat(stages).hasSize(2);
		assertThat(stages).extracting(Stage::image)
			.allSatisfy(
					(image) -> assertThat(image).matches("[\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*(@sha256:[0-9a-f]{64})?"))
			.noneMatch((image) -> image.contains("latest"));
		assertThat(stages.get(0).image()).contains("-jdk");
		assertThat(Dockerfile.read().runtime().image()).contains("-jre");
	}

	@Test
	void imageRunsAsANumericNonRootUser() throws Exception {
		// when
		String user = Dockerfile.read().runtime().last("USER").orElseThrow();

		// then
		assertThat(user).matches("\\d+(:\\d+)?");
		assertThat(Arrays.stream(user.split(":")).mapToInt(Integer::parseInt)).allMatch((id) -> id > 0);
	}

	@Test
	void entrypointRunsTheJarTheBuildProducesWithCloneByDefault() throws Exception {
		// given
		String jar = finalName() + ".jar";
		Dockerfile dockerfile = Dockerfile.read();

		// when
		List<String> entrypoint = dockerfile.runtime().execForm("ENTRYPOINT");

		// then
		assertThat(jar).isEqualTo("db-cloner.jar");
		assertThat(entrypoint.get(0)).isEqualTo("java");
		assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", jar);
		assertThat(entrypoint).anyMatch((option) -> option.startsWith("-XX:MaxRAMPercentage="));
		assertThat(dockerfile.runtime().execForm("CMD")).containsExactly("clone");
		// the layers are extracted from the jar the build stage made, and keep its name
		assertThat(dockerfile.stage("build").arguments("RUN"))
			.contains("java -Djarmode=tools -jar target/" + jar + " extract --layers --destination extracted");
	}

	@Test
	void theEntrypointMapsTheClassDataArchiveTheRuntimeStageRecorded() throws Exception {
		// given
		Stage runtime = Dockerfile.read().runtime();

		// when
		String archive = entrypointOption(runtime, "-XX:SharedArchiveFile=");

		// then: recorded by a training run of the same jar in the runtime image (an
		// archive made by another JVM or class path would be ignored), its H2 job
		// repository removed
		assertThat(runtime.arguments("RUN")).anySatisfy((run) -> assertThat(run)
			.contains("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar db-cloner.jar")
			.endsWith("rm -rf data/*"));
	}

	@Test
	void temporaryFilesAndTheDefaultDataDirectoryLieInDeclaredVolumes() throws Exception {
		// given
		Stage runtime = Dockerfile.read().runtime();
		List<String> volumes = runtime.execForm("VOLUME");
		String workdir = runtime.last("WORKDIR").orElseThrow();

		// when
		String tmpdir = entrypointOption(runtime, "-Djava.io.tmpdir=");

		// then: ./data (the backups' and the H2 job repository's default) and the
		// temporary directory
		assertThat(volumes).contains(workdir + "/data", tmpdir);
	}

	@Test
	void buildContextLeavesOutLocalDataAndBuildOutput() throws IOException {
		// when
		List<String> ignored = Files.readAllLines(Path.of(".dockerignore"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();

		// then: everything is ignored but the sources the build stage copies
		assertThat(ignored).first().isEqualTo("*");
		assertThat(ignored.subList(1, ignored.size())).containsExactlyInAnyOrder("!mvnw", "!.mvn/", "!pom.xml",
				"!src/");
		assertThat(Dockerfile.read().stage("build").arguments("COPY")).containsExactly("mvnw pom.xml ./", ".mvn .mvn",
				"src src");
	}

	private static String withoutRunFlags(String run) {
		String command = run;
		while (command.startsWith("--")) {
			command = command.substring(command.indexOf(' ') + 1);
		}
		return command;
	}

	private static String finalName() throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(Path.of("pom.xml").toFile())
			.getElementsByTagName("finalName")
			.item(0)
			.getTextContent()
			.strip();
	}

	/** The value of the ENTRYPOINT's JVM option that starts with {@code prefix}. */
	private static String entrypointOption(Stage runtime, String prefix) {
		return runtime.execForm("ENTRYPOINT")
			.stream()
			.filter((option) -> option.startsWith(prefix))
			.map((option) -> option.substring(prefix.length()))
			.findFirst()
			.orElseThrow();
	}

}
