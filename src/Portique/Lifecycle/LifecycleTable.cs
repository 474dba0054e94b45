using System.Collections.Frozen;
using Portique.Formats.Cdar;

namespace Portique.Lifecycle;

/// <summary>Who sets a lifecycle status: the platform itself (transmission phase), the buyer or the seller (processing phase).</summary>
public enum LifecycleActor
{
    Platform,
    Buyer,
    Seller,
}

/// <summary>
/// One row of the transition table: the status, who sets it, the statuses it may follow ("" = the first status of the
/// invoice), whether it ends the lifecycle, and what it needs. A factoring status (224–228) is a side event: it follows the
/// factoring state, not the processing state, and leaves the processing state as it was.
/// </summary>
public sealed record LifecycleRule(string Code, LifecycleActor Actor, FrozenSet<string> After, bool Terminal = false, bool Factoring = false,
    bool NeedsAmounts = false, bool TakesAction = false, bool ReasonRequired = false)
{
    public CdarStatus Status => CdarCodes.Status(Code)!;

    /// <summary>The reason codes allowed (BR-FR-CDV-CL-09): the status's own list, else any code of the closed list.</summary>
    public FrozenSet<string> Reasons => CdarCodes.ReasonsFor(Code) ?? CdarCodes.Reasons;
}

/// <summary>
/// The lifecycle statuses of a B2B invoice (spec b2b-reform.md §2.1–2.2) as data. The buyer's statuses follow the invoice's
/// making available (203) and may be repeated where the reform allows it (211, 212: several payments); refusal (210),
/// rejection (213), routing error (221), cancellation (220) and inadmissibility (501) end the lifecycle. 214 (Visée) is a
/// public-sector status and is not set on a B2B invoice (docs/decisions/0029-lifecycle-statuses.md).
/// </summary>
public static class LifecycleTable
{
    /// <summary>Statuses in which the invoice is with the buyer, being processed or paid.</summary>
    private const string Open = "203 204 205 206 207 208 209 211 212";

    public static readonly IReadOnlyList<LifecycleRule> Rules =
    [
        new("200", LifecycleActor.Platform, Set("")),
        new("201", LifecycleActor.Platform, Set("200")),
        new("202", LifecycleActor.Platform, Set("200 201")),
        new("203", LifecycleActor.Platform, Set("202")),
        new("213", LifecycleActor.Platform, Set(" 200 201 202"), Terminal: true, ReasonRequired: true),
        new("221", LifecycleActor.Platform, Set("202 203"), Terminal: true, ReasonRequired: true),
        new("501", LifecycleActor.Platform, Set(""), Terminal: true, ReasonRequired: true),
        new("204", LifecycleActor.Buyer, Set("203 209")),
        new("205", LifecycleActor.Buyer, Set("203 204 207 209")),
        new("206", LifecycleActor.Buyer, Set("203 204 207 209"), TakesAction: true, ReasonRequired: true),
        new("207", LifecycleActor.Buyer, Set("203 204 205 206 209"), TakesAction: true, ReasonRequired: true),
        new("208", LifecycleActor.Buyer, Set("203 204 207 209"), TakesAction: true, ReasonRequired: true),
        new("210", LifecycleActor.Buyer, Set("203 204 207 208 209"), Terminal: true, TakesAction: true, ReasonRequired: true),
        new("211", LifecycleActor.Buyer, Set("203 204 205 206 211")),
        new("209", LifecycleActor.Seller, Set("208")),
        new("212", LifecycleActor.Seller, Set("203 204 205 206 211 212"), NeedsAmounts: true),
        new("220", LifecycleActor.Seller, Set("203 204 205 206 207 208 209"), Terminal: true),
        // Factoring: After is the factoring state ("" = not factored); the processing state must be open.
        new("224", LifecycleActor.Seller, Set(" 224 225 226 227 228"), Factoring: true),
        new("225", LifecycleActor.Seller, Set(" 224 228"), Factoring: true),
        new("226", LifecycleActor.Seller, Set(" 224 228"), Factoring: true),
        new("227", LifecycleActor.Seller, Set("225 226 227"), Factoring: true),
        new("228", LifecycleActor.Seller, Set("225 226 227"), Factoring: true),
    ];

    private static readonly FrozenDictionary<string, LifecycleRule> ByCode = Rules.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

    private static readonly FrozenSet<string> OpenStates = Set(Open);

    public static LifecycleRule? Rule(string? code) => code is not null && ByCode.TryGetValue(code, out var rule) ? rule : null;

    /// <summary>Whether the rule may follow the invoice's processing state and factoring state ("" when none yet).</summary>
    public static bool Follows(LifecycleRule rule, string state, string factoring) =>
        rule.Factoring ? OpenStates.Contains(state) && rule.After.Contains(factoring) : rule.After.Contains(state);

    /// <summary>The French label of a status (spec §2.1).</summary>
    public static string Label(string code) => CdarCodes.Status(code)?.Label ?? code;

    public static string ActorLabel(LifecycleActor actor) => actor switch
    {
        LifecycleActor.Buyer => "l'acheteur",
        LifecycleActor.Seller => "le vendeur",
        _ => "la plateforme",
    };

    /// <summary>A set of codes separated by spaces; a leading space keeps the empty code ("no status yet").</summary>
    private static FrozenSet<string> Set(string codes) => codes.Split(' ').Where((c, i) => c.Length > 0 || i == 0).ToFrozenSet(StringComparer.Ordinal);
}
