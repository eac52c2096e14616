package com.acalsa.dbcloner.deploy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1CronJobSpec;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay under {@code k8s/overlays}, rendered by {@code kubectl kustomize} and
 * validated against the Kubernetes API ({@link RenderedManifests}); the assertions are on
 * the rendered objects, as the cluster would receive them, not on the source files.
 */
class KubernetesManifestsTests {

	private static final long PERIOD_SECONDS = 300;

	static List<Path> overlays() throws Exception {
		List<Path> overlays = RenderedManifests.overlays();
		assertThat(overlays).hasSizeGreaterThanOrEqualTo(2);
		return overlays;
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rendersOneCloneDeploymentThatValidatesAgainstTheKubernetesApi(Path overlay) {
		// when
		RenderedManifests rendered = RenderedManifests.render(overlay);

		// then: one of each part, every name a valid DNS name, short enough for the Jobs
		// the CronJob makes
		assertThat(rendered.objects()).extracting((object) -> object.getClass().getSimpleName())
			.containsExactlyInAnyOrder("V1ServiceAccount", "V1ConfigMap", "V1Secret", "V1PersistentVolumeClaim",
					"V1CronJob");
		assertThat(rendered.objects()).extracting((object) -> object.getMetadata().getName())
			.allMatch((name) -> name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63);
		assertThat(rendered.cronJob().getMetadata().getName()).hasSizeLessThanOrEqualTo(52);
		assertThat(rendered.objects()).extracting((object) -> object.getMetadata().getNamespace())
			.containsOnly("db-cloner");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void cronJobRunsOnceEveryFiveMinutesOneRunAtATimeAndNeverRetriesARun(Path overlay) {
		// when
		RenderedManifests rendered = RenderedManifests.render(overlay);
		V1CronJobSpec cron = rendered.cronJob().getSpec();
		V1JobSpec job = cron.getJobTemplate().getSpec();
		V1PodSpec pod = job.getTemplate().getSpec();

		// then
		assertThat(cron.getSchedule()).matches("(\\*|[0-4]-59)/5 \\* \\* \\* \\*");
		assertThat(cron.getTimeZone()).isEqualTo("Etc/UTC");
		assertThat(cron.getConcurrencyPolicy()).isEqualTo("Forbid");
		assertThat(cron.getStartingDeadlineSeconds()).isPositive().isLessThan(PERIOD_SECONDS);
		assertThat(cron.getSuccessfulJobsHistoryLimit()).isPositive();
		assertThat(cron.getFailedJobsHistoryLimit()).isPositive();
		assertThat(job.getBackoffLimit()).isZero();
		assertThat(pod.getRestartPolicy()).isEqualTo("Never");
		// a run that overruns is stopped, and has its grace period to stop cleanly,
		// before the next one is due
		assertThat(job.getActiveDeadlineSeconds() + pod.getTerminationGracePeriodSeconds()).isLessThan(PERIOD_SECONDS);
		assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30);
		assertThat(rendered.container().getArgs()).containsExactly("clone");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void podRunsAsTheImageUserOnAReadOnlyRootFilesystemWithoutPrivilegesOrCapabilities(Path overlay) throws Exception {
		// given
		long imageUser = Long.parseLong(Dockerfile.read().runtime().last("USER").orElseThrow().split(":")[0]);

		// when
		RenderedManifests rendered = RenderedManifests.render(overlay);
		V1PodSpec pod = rendered.podSpec();
		V1SecurityContext container = rendered.container().getSecurityContext();

		// then
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(imageUser);
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(container.getRunAsNonRoot()).isTrue();
		assertThat(container.getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getPrivileged()).isFalse();
		assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void memoryIsReservedAsLimitedAndLeavesRoomBesideTheHeapTheImageSizes(Path overlay) throws Exception {
		// given
		String option = Dockerfile.read()
			.runtime()
			.execForm("ENTRYPOINT")
			.stream()
			.filter((o) -> o.startsWith("-XX:MaxRAMPercentage="))
			.findFirst()
			.orElseThrow();
		BigDecimal heapShare = new BigDecimal(option.substring(option.indexOf('=') + 1)).movePointLeft(2);

		// when
		V1Container container = RenderedManifests.render(overlay).container();
		Map<String, Quantity> requests = container.getResources().getRequests();
		Map<String, Quantity> limits = container.getResources().getLimits();
		BigDecimal memory = limits.get("memory").getNumber();

		// then: no eviction for using what was asked, and at least 256 MiB for metaspace,
		// threads and native memory
		assertThat(requests.get("memory").getNumber()).isEqualByComparingTo(memory);
		assertThat(memory.subtract(memory.multiply(heapShare))).isGreaterThanOrEqualTo(BigDecimal.valueOf(256L << 20));
		assertThat(requests.get("cpu").getNumber()).isPositive();
		assertThat(limits.get("cpu").getNumber()).isGreaterThanOrEqualTo(requests.get("cpu").getNumber());
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void writablePathsAreTheImageVolumesAndBackupsGoToThePersistentVolumeClaim(Path overlay) throws Exception {
		// given
		List<String> imageVolumes = Dockerfile.read().runtime().execForm("VOLUME");

		// when
		RenderedManifests rendered = RenderedManifests.render(overlay);
		List<V1VolumeMount> mounts = rendered.container().getVolumeMounts();
		V1Volume data = volumeMountedAt(rendered, "/app/data");

		// then
		assertThat(mounts).extracting(V1VolumeMount::getMountPath).containsExactlyInAnyOrderElementsOf(imageVolumes);
		assertThat(data.getPersistentVolumeClaim()).isNotNull();
		assertThat(rendered.named(V1PersistentVolumeClaim.class, data.getPersistentVolumeClaim().getClaimName()))
			.isNotNull();
		assertThat(rendered.environment().get("CLONER_BACKUP_DIR")).startsWith("/app/data/");
		assertThat(volumeMountedAt(rendered, "/app/tmp").getEmptyDir().getSizeLimit()).isNotNull();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void podRunsAsAServiceAccountBoundToAnIamRoleAndHoldsOnlyKmsCiphertexts(Path overlay) {
		// when
		RenderedManifests rendered = RenderedManifests.render(overlay);
		V1ServiceAccount account = rendered.named(V1ServiceAccount.class, rendered.podSpec().getServiceAccountName());
		Map<String, String> environment = rendered.environment();

		// then
		assertThat(account.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
		assertThat(rendered.only(V1Secret.class).getData()).containsOnlyKeys("CLONER_SOURCE_PASSWORDKMS",
				"CLONER_TARGET_PASSWORDKMS", "CLONER_REPOSITORY_PASSWORDKMS");
		assertThat(rendered.only(V1ConfigMap.class).getData().keySet()).noneMatch((key) -> key.contains("PASSWORD"));
		assertThat(environment.keySet()).filteredOn((name) -> name.contains("PASSWORD"))
			.allMatch((name) -> name.endsWith("PASSWORDKMS"));
		assertThat(environment).containsKeys("AWS_REGION", "CLONER_KMS_ENCRYPTIONCONTEXT_APP");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyVariableIsTheEnvironmentFormOfASettingTheApplicationReads(Path overlay) {
		// when
		Map<String, String> environment = RenderedManifests.render(overlay).environment();

		// then
		assertThat(environment)
			.allSatisfy((name, value) -> assertThat(ManifestSettings.settingOf(name, value)).as(name).isPresent());
		assertThat(ManifestSettings.settingOf("CLONER_SOURCE_URLL", "x")).isEmpty();
	}

	@Test
	void overlaysCloneDifferentDatabasesIntoDifferentClonesOnDifferentMinutesWithoutNameClashes() throws Exception {
		// given
		List<RenderedManifests> all = new ArrayList<>();
		for (Path overlay : overlays()) {
			all.add(RenderedManifests.render(overlay));
		}

		// then: applied side by side in one namespace, nothing collides
		assertThat(all).extracting((rendered) -> rendered.environment().get("CLONER_SOURCE_URL"))
			.doesNotHaveDuplicates();
		assertThat(all).extracting((rendered) -> rendered.environment().get("CLONER_TARGET_DATABASE"))
			.doesNotContainNull()
			.doesNotHaveDuplicates();
		// the application groups its pushes by job and source itself; a fixed job name
		// would merge clone and verify
		assertThat(all)
			.extracting(
					(rendered) -> rendered.environment().get("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_JOB"))
			.containsOnlyNulls();
		assertThat(all).extracting((rendered) -> rendered.cronJob().getSpec().getSchedule()).doesNotHaveDuplicates();
		assertThat(all.stream().flatMap((rendered) -> rendered.objects().stream()).map(kindAndName()))
			.doesNotHaveDuplicates();
	}

	private static Function<KubernetesObject, String> kindAndName() {
		return (object) -> object.getKind() + "/" + object.getMetadata().getName();
	}

	private static V1Volume volumeMountedAt(RenderedManifests rendered, String path) {
		String name = rendered.container()
			.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals(path))
			.findFirst()
			.orElseThrow()
			.getName();
		return rendered.podSpec()
			.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
