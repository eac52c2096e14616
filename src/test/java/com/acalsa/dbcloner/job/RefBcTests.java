package com.acalsa.dbcloner.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code table: unique codes and exits, and the README's table says exactly what the
 * enum says.
 */
class RefBcTests {

	private static final Pattern README_ROW = Pattern
		.compile("^\\| (REF_BC_\\d{3}) \\| (\\w+) \\| (\\d+) \\| (.+?) \\|$", Pattern.MULTILINE);

	@Test
	void exitNumberIsTheNumberInTheCode() {
		for (RefBc refBc : RefBc.values()) {
			assertThat(refBc.exitCode()).as(refBc.code()).isEqualTo(Integer.parseInt(refBc.code().substring(7)));
		}
	}

	@Test
	void theOperatorsMessagesAreKeptWordForWord() {
		assertThat(RefBc.ERROR_BACKUP.line()).isEqualTo("REF_BC_001 ERROR_BACKUP: Error al realizar el respaldo. "
				+ "Error en el respaldo. Verifica las credenciales y la base de datos.");
		assertThat(RefBc.ERROR_DB_COMPARISON.message())
			.isEqualTo("¡Error! Las bases de datos son diferentes. Prueba unitaria fallida.");
	}

	@Test
	void readmeTableListsEveryCodeAsTheEnumDoes() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		Matcher row = README_ROW.matcher(readme);
		List<String> documented = new java.util.ArrayList<>();
		while (row.find()) {
			documented.add(String.join("|", row.group(1), row.group(2), row.group(3), row.group(4)));
		}
		List<String> declared = Arrays.stream(RefBc.values())
			.map((r) -> String.join("|", r.code(), r.name(), String.valueOf(r.exitCode()), r.message()))
			.toList();
		assertThat(documented).isEqualTo(declared);
	}

	@Test
	void failureTakesTheCodeOfTheFirstClonerExceptionInTheChain() {
		Exception wrapped = new IllegalStateException("outer",
				new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "table `t` failed"));
		assertThat(Failure.of(wrapped, RefBc.ERROR_UNEXPECTED))
			.isEqualTo(new Failure(RefBc.ERROR_RESTORE_BACKUP, "table `t` failed"));
		assertThat(Failure.of(new IllegalStateException("first line\nsecond"), RefBc.ERROR_BACKUP))
			.isEqualTo(new Failure(RefBc.ERROR_BACKUP, "first line"));
	}

}
