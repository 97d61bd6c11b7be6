package io.github.slo4j;

import io.github.slo4j.internal.Require;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The definition of one service level objective: what is measured ({@link Sli}), what is promised
 * ({@link Objective}, per {@link Target}), over which span ({@link CompliancePeriod}) and how the
 * budget is counted ({@link BudgetingMethod}), with who owns it and where its runbook lives.
 *
 * <pre>{@code
 * SloDefinition slo = SloDefinition.builder("checkout-availability")
 *     .service("checkout")
 *     .objective(Objective.percent("99.9"))
 *     .period(CompliancePeriod.rollingDays(30))
 *     .owner("team-payments")
 *     .runbook(URI.create("https://runbooks.example.com/checkout"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; built by a validating {@link Builder}.
 */
public final class SloDefinition {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final String id;
  private final String service;
  private final String description;
  private final Sli sli;
  private final List<Target> targets;
  private final CompliancePeriod period;
  private final BudgetingMethod budgeting;
  private final String owner;
  private final URI runbook;
  private final Map<String, URI> links;

  private SloDefinition(Builder b, List<Target> targets) {
    this.id = b.id;
    this.service = b.service;
    this.description = b.description;
    this.sli = b.sli;
    this.targets = targets;
    this.period = b.period;
    this.budgeting = b.budgeting;
    this.owner = b.owner;
    this.runbook = b.runbook;
    this.links = Collections.unmodifiableMap(new LinkedHashMap<>(b.links));
  }

  /**
   * A builder for an SLO with this id.
   *
   * @param id letters, digits, {@code . _ : -}, starting with a letter or digit, at most 128
   *     characters; it names the SLO in meters, alerts and exported state
   * @return a builder; set the service and the objective (or a latency SLI), then build
   * @throws IllegalArgumentException when the id is not such a name
   */
  public static Builder builder(String id) {
    return new Builder(checkName("id", id));
  }

  private static String checkName(String name, String value) {
    Require.nonNull(name, value);
    if (!NAME.matcher(value).matches()) {
      throw Require.invalid(
          name,
          "'" + value + "'",
          "1 to 128 letters, digits or . _ : - starting with a letter or digit");
    }
    return value;
  }

  /** {@return the SLO's id, unique within a registry} */
  public String id() {
    return id;
  }

  /** {@return the service the SLO belongs to} */
  public String service() {
    return service;
  }

  /** {@return a human description; empty when none was given} */
  public String description() {
    return description;
  }

  /** {@return what is measured} */
  public Sli sli() {
    return sli;
  }

  /**
   * {@return what is promised: one target for an events SLI, one per threshold (in ascending
   * latency) for a latency SLI} Each is measured and alerted on separately. The list is unmodifiable.
   */
  public List<Target> targets() {
    return targets;
  }

  /**
   * {@return the objective of the first target: the SLO's objective for an events SLI, the lowest
   * latency threshold's for a latency SLI}
   */
  public Objective objective() {
    return targets.get(0).objective();
  }

  /**
   * The one check that {@code target} is a target of this SLO, for every reader that takes one.
   *
   * @param target a target, as from {@link #targets()}
   * @return {@code target}
   * @throws NullPointerException when the target is null
   * @throws IllegalArgumentException when it is not one of {@link #targets()}, e.g. {@code target:
   *     events 99% (expected one of [events 99.9%])}
   */
  public Target requireTarget(Target target) {
    Require.nonNull("target", target);
    int i = target.index();
    if (i < 0 || i >= targets.size() || !targets.get(i).equals(target)) {
      throw Require.invalid("target", target, "one of " + targets);
    }
    return target;
  }

  /** {@return the compliance period} */
  public CompliancePeriod period() {
    return period;
  }

  /** {@return how the budget is counted} */
  public BudgetingMethod budgeting() {
    return budgeting;
  }

  /** {@return the team or person who owns the SLO and its runbook, if given} */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** {@return the runbook the on-call opens when this SLO alerts, if given} */
  public Optional<URI> runbook() {
    return Optional.ofNullable(runbook);
  }

  /** {@return other named links (dashboards, documents), unmodifiable, in the order they were added} */
  public Map<String, URI> links() {
    return links;
  }

  /**
   * {@code checkout/checkout-availability: events 99.9% over rolling 30d}, or with one target per
   * latency threshold {@code checkout/checkout-latency: le100ms 90%, le500ms 99% over rolling 30d}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(service).append('/').append(id).append(": ");
    for (Target t : targets) {
      sb.append(t.index() == 0 ? "" : ", ").append(t);
    }
    return sb.append(" over ").append(period).toString();
  }

  /** Builds a validated {@link SloDefinition}. Not thread-safe; build once, share the result. */
  public static final class Builder {
    private final String id;
    private String service;
    private String description = "";
    private Objective objective;
    private Sli sli = Sli.events();
    private CompliancePeriod period = CompliancePeriod.rollingDays(30);
    private BudgetingMethod budgeting = BudgetingMethod.occurrences();
    private String owner;
    private URI runbook;
    private final Map<String, URI> links = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = id;
    }

    /**
     * The service the SLO belongs to (required).
     *
     * @param service same characters as the id
     * @return this builder
     * @throws IllegalArgumentException when the name is not valid
     */
    public Builder service(String service) {
      this.service = checkName("service", service);
      return this;
    }

    /**
     * A human description.
     *
     * @param description any text
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Require.nonNull("description", description);
      return this;
    }

    /**
     * The objective (required for an events SLI; a latency SLI takes one objective per threshold
     * and refuses this one).
     *
     * @param objective the objective
     * @return this builder
     */
    public Builder objective(Objective objective) {
      this.objective = Require.nonNull("objective", objective);
      return this;
    }

    /**
     * What is measured; {@link Sli#events()} by default.
     *
     * @param sli the SLI
     * @return this builder
     */
    public Builder sli(Sli sli) {
      this.sli = Require.nonNull("sli", sli);
      return this;
    }

    /**
     * The compliance period; rolling 30 days by default.
     *
     * @param period the period
     * @return this builder
     */
    public Builder period(CompliancePeriod period) {
      this.period = Require.nonNull("period", period);
      return this;
    }

    /**
     * How the budget is counted; {@link BudgetingMethod#occurrences()} by default.
     *
     * @param budgeting the budgeting method
     * @return this builder
     */
    public Builder budgeting(BudgetingMethod budgeting) {
      this.budgeting = Require.nonNull("budgeting", budgeting);
      return this;
    }

    /**
     * The owning team or person.
     *
     * @param owner a non-blank name
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder owner(String owner) {
      Require.nonNull("owner", owner);
      if (owner.isBlank()) {
        throw Require.invalid("owner", "'" + owner + "'", "a non-blank name");
      }
      this.owner = owner;
      return this;
    }

    /**
     * The runbook link.
     *
     * @param runbook an absolute URI
     * @return this builder
     * @throws IllegalArgumentException when the URI is relative
     */
    public Builder runbook(URI runbook) {
      this.runbook = absolute("runbook", runbook);
      return this;
    }

    /**
     * Adds a named link (a dashboard, a design document); a second link of the same name replaces
     * the first.
     *
     * @param name a non-blank name
     * @param uri an absolute URI
     * @return this builder
     * @throws IllegalArgumentException when the name is blank or the URI relative
     */
    public Builder link(String name, URI uri) {
      Require.nonNull("link name", name);
      if (name.isBlank()) {
        throw Require.invalid("link name", "'" + name + "'", "a non-blank name");
      }
      links.put(name, absolute("link " + name, uri));
      return this;
    }

    private static URI absolute(String name, URI uri) {
      Require.nonNull(name, uri);
      if (!uri.isAbsolute()) {
        throw Require.invalid(name, uri, "an absolute URI such as https://...");
      }
      return uri;
    }

    /**
     * Validates and builds.
     *
     * @return the definition, independent of later changes to this builder
     * @throws IllegalArgumentException when the service is missing, when an events SLI has no
     *     objective, or when a latency SLI was also given an SLO-wide objective
     */
    public SloDefinition build() {
      if (service == null) {
        throw Require.invalid("service", "null", "the name of the service the SLO belongs to");
      }
      List<Target> targets = new ArrayList<>();
      if (sli instanceof Sli.Latency) {
        if (objective != null) {
          throw Require.invalid(
              "objective", objective, "none for a latency SLI: each latency threshold has its own");
        }
        List<LatencyThreshold> thresholds = ((Sli.Latency) sli).thresholds();
        for (int i = 0; i < thresholds.size(); i++) {
          targets.add(Target.latency(i, thresholds.get(i)));
        }
      } else {
        if (objective == null) {
          throw Require.invalid("objective", "null", "an objective such as Objective.percent(\"99.9\")");
        }
        targets.add(Target.events(objective));
      }
      return new SloDefinition(this, Collections.unmodifiableList(targets));
    }
  }
}
