package com.acalsa.dbcloner.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.Gson;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code kubectl kustomize DIR} renders, each object parsed into the Kubernetes
 * API's typed model of its {@code apiVersion} and {@code kind} (the Kubernetes Java
 * client's models for API 1.32), which rejects any field the API does not define, a
 * missing required field and a value of the wrong type. An object of a kind this project
 * does not expect is an error. {@code kubectl} comes from {@code KUBECTL} or the
 * {@code PATH} ({@code .ci/run} installs it where it is missing).
 */
final class RenderedManifests {

	static final Path OVERLAYS = Path.of("k8s", "overlays");

	private static final Map<String, Class<? extends KubernetesObject>> MODELS = Map.of("v1/ServiceAccount",
			V1ServiceAccount.class, "v1/ConfigMap", V1ConfigMap.class, "v1/Secret", V1Secret.class,
			"v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class, "batch/v1/CronJob", V1CronJob.class,
			"batch/v1/Job", V1Job.class);

	private final Path directory;

	private final List<KubernetesObject> objects;

	private RenderedManifests(Path directory, List<KubernetesObject> objects) {
		this.directory = directory;
		this.objects = objects;
	}

	/** Every overlay under {@code k8s/overlays}: the deployments an operator applies. */
	static List<Path> overlays() throws IOException {
		try (Stream<Path> children = Files.list(OVERLAYS)) {
			return children.filter((child) -> Files.isRegularFile(child.resolve("kustomization.yaml")))
				.sorted()
				.toList();
		}
	}

	static RenderedManifests render(Path directory) {
		String yaml = kubectl("kustomize", directory.toString());
		List<KubernetesObject> objects = new ArrayList<>();
		Gson gson = JSON.getGson();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document != null) {
				objects.add(typed(gson, (Map<?, ?>) document));
			}
		}
		return new RenderedManifests(directory, objects);
	}

	/**
	 * Parses one object into its model: the model's type adapter validates the whole tree
	 * against the API schema (unknown fields, required fields, types) and throws on the
	 * first violation.
	 */
	private static KubernetesObject typed(Gson gson, Map<?, ?> document) {
		String type = document.get("apiVersion") + "/" + document.get("kind");
		Class<? extends KubernetesObject> model = MODELS.get(type);
		if (model == null) {
			throw new IllegalStateException("no Kubernetes model for " + type + " (an unexpected kind)");
		}
		try {
			return gson.fromJson(gson.toJson(document), model);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(type + " " + ((Map<?, ?>) document.get("metadata")).get("name")
					+ " does not validate against the Kubernetes API: " + withoutJson(ex.getMessage()), ex);
		}
	}

	/**
	 * The models' messages end with the whole object: the field and the model name are
	 * enough.
	 */
	private static String withoutJson(String message) {
		return (message != null && message.contains(" JSON: ")) ? message.substring(0, message.indexOf(" JSON: "))
				: message;
	}

	Path directory() {
		return this.directory;
	}

	List<KubernetesObject> objects() {
		return this.objects;
	}

	<T extends KubernetesObject> List<T> all(Class<T> model) {
		return this.objects.stream().filter(model::isInstance).map(model::cast).toList();
	}

	<T extends KubernetesObject> T only(Class<T> model) {
		List<T> found = all(model);
		if (found.size() != 1) {
			throw new IllegalStateException(this.directory + " renders " + found.size() + " " + model.getSimpleName());
		}
		return found.get(0);
	}

	<T extends KubernetesObject> T named(Class<T> model, String name) {
		return all(model).stream()
			.filter((object) -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					this.directory + " renders no " + model.getSimpleName() + " named " + name));
	}

	V1CronJob cronJob() {
		return only(V1CronJob.class);
	}

	V1PodSpec podSpec() {
		return cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
	}

	V1Container container() {
		List<V1Container> containers = podSpec().getContainers();
		if (containers.size() != 1) {
			throw new IllegalStateException("the clone pod has " + containers.size() + " containers");
		}
		return containers.get(0);
	}

	/**
	 * The container's environment as the kubelet builds it: {@code envFrom} ConfigMaps
	 * and Secrets (decoded) in order, then {@code env}, later entries winning. A
	 * reference to an object this rendering lacks is an error.
	 */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		V1Container container = container();
		for (V1EnvFromSource source : (container.getEnvFrom() != null) ? container.getEnvFrom()
				: List.<V1EnvFromSource>of()) {
			if (source.getConfigMapRef() != null) {
				environment.putAll(named(V1ConfigMap.class, source.getConfigMapRef().getName()).getData());
			}
			if (source.getSecretRef() != null) {
				named(V1Secret.class, source.getSecretRef().getName()).getData()
					.forEach((key, value) -> environment.put(key, new String(value, StandardCharsets.UTF_8)));
			}
		}
		for (V1EnvVar variable : (container.getEnv() != null) ? container.getEnv() : List.<V1EnvVar>of()) {
			if (variable.getValueFrom() != null) {
				throw new IllegalStateException("resolve valueFrom for " + variable.getName() + " here too");
			}
			environment.put(variable.getName(), variable.getValue());
		}
		return environment;
	}

	static String kubectl(String... args) {
		List<String> command = new ArrayList<>();
		String kubectl = System.getenv("KUBECTL");
		command.add((kubectl == null || kubectl.isEmpty()) ? "kubectl" : kubectl);
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			String output = read(process.getInputStream());
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (see its standard error above)");
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"cannot run " + command.get(0) + ": install kubectl 1.32 (.ci/run does) or set KUBECTL to its path",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
