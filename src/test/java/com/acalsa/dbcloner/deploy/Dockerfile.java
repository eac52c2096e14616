package com.acalsa.dbcloner.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;

/**
 * The project's {@code Dockerfile}, read as Docker reads it: instructions (continuation
 * lines joined, comments and parser directives dropped) grouped by build stage; exec-form
 * arguments ({@code ["a", "b"]}) parsed as JSON.
 */
final class Dockerfile {

	static final Path PATH = Path.of("Dockerfile");

	private static final Pattern FROM = Pattern
		.compile("(?i)FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");

	private final List<Stage> stages;

	private Dockerfile(List<Stage> stages) {
		this.stages = stages;
	}

	static Dockerfile read() throws IOException {
		List<Stage> stages = new ArrayList<>();
		for (String instruction : instructions(Files.readString(PATH))) {
			Matcher from = FROM.matcher(instruction);
			if (from.matches()) {
				stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
			}
			else if (stages.isEmpty()) {
				throw new IllegalStateException("instruction before the first FROM: " + instruction);
			}
			else {
				stages.get(stages.size() - 1).instructions().add(instruction);
			}
		}
		return new Dockerfile(stages);
	}

	private static List<String> instructions(String text) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			boolean continued = trimmed.endsWith("\\");
			current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
			if (!continued) {
				instructions.add(current.toString().strip().replaceAll("\\s+", " "));
				current.setLength(0);
			}
		}
		return instructions;
	}

	List<Stage> stages() {
		return this.stages;
	}

	Stage stage(String name) {
		return this.stages.stream()
			.filter((stage) -> name.equals(stage.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no stage named " + name));
	}

	/** The stage the image is made of: the last one. */
	Stage runtime() {
		return this.stages.get(this.stages.size() - 1);
	}

	/** One {@code FROM} and the instructions up to the next one. */
	record Stage(String image, String name, List<String> instructions) {

		List<String> arguments(String keyword) {
			return this.instructions.stream()
				.filter((instruction) -> instruction.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
				.map((instruction) -> instruction.substring(keyword.length() + 1).strip())
				.toList();
		}

		Optional<String> last(String keyword) {
			List<String> all = arguments(keyword);
			return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
		}

		/**
		 * The exec form of the last such instruction, e.g. ENTRYPOINT or CMD; the shell
		 * form is not accepted.
		 */
		List<String> execForm(String keyword) {
			String arguments = last(keyword).orElseThrow(() -> new IllegalStateException("no " + keyword));
			if (!arguments.startsWith("[")) {
				throw new IllegalStateException(keyword + " is not in exec form: " + arguments);
			}
			return Arrays.asList(new Gson().fromJson(arguments, String[].class));
		}

	}

}
