package com.acalsa.dbcloner.job;

import java.util.Arrays;
import java.util.Optional;

/**
 * The single table of failure codes. The first five are the codes (and the messages) that
 * operators know from the original worker; the rest cover failures that happen around the
 * job. The exit number is the process exit status, and the code is the exit code recorded
 * in the job repository. README's table is checked against this enum.
 */
public enum RefBc {

	ERROR_BACKUP("REF_BC_001", 1,
			"Error al realizar el respaldo. Error en el respaldo. Verifica las credenciales y la base de datos."),

	ERROR_EMPTY_BACKUP("REF_BC_002", 2, "¡Error! El archivo de respaldo está vacío. Prueba unitaria fallida."),

	ERROR_CREATE_TEST_DB("REF_BC_003", 3, "Error al crear la base de datos de prueba."),

	ERROR_RESTORE_BACKUP("REF_BC_004", 4, "Error al restaurar el respaldo en la base de datos de prueba."),

	ERROR_DB_COMPARISON("REF_BC_005", 5, "¡Error! Las bases de datos son diferentes. Prueba unitaria fallida."),

	ERROR_CONFIGURATION("REF_BC_006", 6, "Error en la configuración. Corrige el parámetro indicado."),

	ERROR_JOB_REPOSITORY("REF_BC_007", 7, "Error al acceder al historial de ejecuciones (job repository)."),

	ERROR_USAGE("REF_BC_008", 8, "Comando o argumento desconocido."),

	ERROR_UNEXPECTED("REF_BC_009", 9, "Error inesperado. Ejecuta de nuevo con --debug y reporta la traza."),

	ERROR_LOCKED("REF_BC_010", 10, "Otra ejecución del mismo origen y clon está en curso; esta no se inició."),

	ERROR_KMS_UNAVAILABLE("REF_BC_011", 11, "No se pudo contactar con AWS KMS. Verifica el endpoint y la red."),

	ERROR_KMS_ACCESS_DENIED("REF_BC_012", 12,
			"AWS KMS denegó el acceso. Verifica las credenciales de AWS y la política IAM del pod."),

	ERROR_KMS_DECRYPT("REF_BC_013", 13, "Error al descifrar las credenciales con AWS KMS."),

	ERROR_KMS_CIPHERTEXT("REF_BC_014", 14, "Las credenciales cifradas no tienen un formato válido."),

	ERROR_INTERRUPTED("REF_BC_015", 15,
			"La ejecución se interrumpió antes de terminar; el clon quedó incompleto y se puede reanudar."),

	ERROR_RESTART("REF_BC_016", 16, "No se puede reanudar la ejecución indicada.");

	private final String code;

	private final int exitCode;

	private final String message;

	RefBc(String code, int exitCode, String message) {
		this.code = code;
		this.exitCode = exitCode;
		this.message = message;
	}

	public String code() {
		return this.code;
	}

	public int exitCode() {
		return this.exitCode;
	}

	public String message() {
		return this.message;
	}

	/** The line operators see: {@code REF_BC_001 ERROR_BACKUP: Error al realizar ...}. */
	public String line() {
		return this.code + " " + name() + ": " + this.message;
	}

	public static Optional<RefBc> ofCode(String code) {
		return Arrays.stream(values()).filter((refBc) -> refBc.code.equals(code)).findFirst();
	}

}
