package com.acalsa.dbcloner;

import com.acalsa.dbcloner.cli.ClonerCommandLine;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * db-cloner: a verified logical clone of a MySQL database, taken by a Spring Batch job.
 */
@SpringBootApplication
public class DbClonerApplication {

	public static void main(String[] args) {
		ClonerCommandLine.exit(ClonerCommandLine.run(args, System.in, System.out, System.err));
	}

}
