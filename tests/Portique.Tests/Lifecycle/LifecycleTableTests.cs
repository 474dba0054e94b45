using Portique.Common;
using Portique.Formats.Cdar;
using Portique.Lifecycle;

namespace Portique.Tests.Lifecycle;

/// <summary>The transition table of B2B lifecycle statuses, and the CDAR message Portique writes for each of its statuses.</summary>
public sealed class LifecycleTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleSettings Settings = new("0999", "Portique");
    private static readonly LifecycleSubject Subject = new(1, new LifecycleParty("100000009", "Vendeur"), "F-1", new DateOnly(2026, 8, 31), "380", Now)
    {
        InvoiceId = 7,
        Buyer = new LifecycleParty("200000008", "Acheteur"),
    };

    private static InvoiceLifecycle After(params string[] codes) =>
        new([.. codes.Select((c, i) => LifecycleStatus.Of(Subject, i + 1, new LifecycleChange(c), LifecycleTable.Rule(c)!.Actor, null, Now, $"m{i}", []))]);

    /// <summary>A history the rule may follow: the shortest path the table allows, found from its own data.</summary>
    private static string[] PathTo(LifecycleRule rule)
    {
        var paths = new List<string[]> { Array.Empty<string>() };
        for (var depth = 0; depth < 6; depth++)
        {
            foreach (var path in paths.ToList())
            {
                var lifecycle = After(path);
                if (LifecycleTable.Follows(rule, lifecycle.State, lifecycle.Factoring))
                    return path;
                paths.AddRange(LifecycleTable.Rules.Where(r => LifecycleTable.Follows(r, lifecycle.State, lifecycle.Factoring)).Select(r => (string[])[.. path, r.Code]));
            }
        }
        throw new InvalidOperationException($"No path to {rule.Code}");
    }

    public static TheoryData<string> Codes => [.. LifecycleTable.Rules.Select(r => r.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_status_of_the_table_is_reachable_and_its_message_validates_and_reads_back(string code)
    {
        var rule = LifecycleTable.Rule(code)!;
        var lifecycle = After(PathTo(rule));
        var change = lifecycle.Check(new LifecycleChange(code, rule.ReasonRequired ? rule.Reasons.Order(StringComparer.Ordinal).First() : null, "Commentaire",
            rule.TakesAction ? "PIN" : null) { Collected = rule.NeedsAmounts ? [new CollectedAmount(1200m, 20m)] : [] }, rule.Actor);

        var (id, cdar) = LifecycleMessages.Write(Settings, Subject, change, rule.Actor, Now);

        var report = CdarEngine.Validate(cdar);
        Assert.True(report.IsValid, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.Message}")));
        Assert.Equal(id, report.Message!.Id);
        Assert.Equal(code, report.Message.Acknowledgements[0].Documents[0].ProcessConditionCode);
        Assert.Equal(CdarCodes.Status(code)!.MandatoryToPpf, report.Message.Recipients.Any(r => r.RoleCode == "DFH"));
    }

    [Fact]
    public void After_making_available_the_buyer_and_the_seller_each_see_their_own_statuses()
    {
        var lifecycle = After("200", "202", "203");

        Assert.Equal(["204", "205", "206", "207", "208", "210", "211"], lifecycle.Next(LifecycleActor.Buyer).Select(r => r.Code).Order());
        Assert.Equal(["212", "220", "224", "225", "226"], lifecycle.Next(LifecycleActor.Seller).Select(r => r.Code).Order());
        Assert.DoesNotContain(lifecycle.Next(LifecycleActor.Platform), r => r.Code is "200" or "202" or "203");
    }

    [Theory]
    [InlineData("210")]
    [InlineData("220")]
    public void A_terminal_status_ends_the_lifecycle(string terminal)
    {
        var path = terminal == "210" ? new[] { "200", "202", "203", "210" } : ["200", "202", "203", "207", "220"];
        var lifecycle = After(path);

        Assert.True(LifecycleTable.Rule(terminal)!.Terminal);
        Assert.All(Enum.GetValues<LifecycleActor>(), a => Assert.Empty(lifecycle.Next(a)));
    }

    [Fact]
    public void Factoring_follows_its_own_state_and_leaves_the_processing_state()
    {
        var lifecycle = After("200", "202", "203", "204", "225");

        Assert.Equal("204", lifecycle.State);
        Assert.Equal("225", lifecycle.Factoring);
        Assert.Contains(lifecycle.Next(LifecycleActor.Buyer), r => r.Code == "205");
        Assert.Equal(["224", "227", "228"], lifecycle.Next(LifecycleActor.Seller).Where(r => r.Factoring).Select(r => r.Code).Order());
        var error = Assert.Throws<PortiqueException>(() => lifecycle.Check(new LifecycleChange("226"), LifecycleActor.Seller));
        Assert.Equal("LIFECYCLE_TRANSITION_ILLEGAL", error.Code);
    }

    [Theory]
    [InlineData("204", null, null, false, LifecycleActor.Seller, "LIFECYCLE_ACTOR_NOT_ALLOWED", null)]
    [InlineData("209", null, null, false, LifecycleActor.Seller, "LIFECYCLE_TRANSITION_ILLEGAL", null)]
    [InlineData("208", null, null, false, LifecycleActor.Buyer, "LIFECYCLE_REASON_REQUIRED", "BR-FR-CDV-15")]
    [InlineData("208", "DOUBLON", null, false, LifecycleActor.Buyer, "LIFECYCLE_REASON_NOT_ALLOWED", "BR-FR-CDV-CL-09")]
    [InlineData("205", null, "NIN", false, LifecycleActor.Buyer, "LIFECYCLE_ACTION_NOT_ALLOWED", null)]
    [InlineData("205", null, null, true, LifecycleActor.Buyer, "LIFECYCLE_AMOUNTS_NOT_ALLOWED", null)]
    [InlineData("212", null, null, false, LifecycleActor.Seller, "LIFECYCLE_AMOUNTS_REQUIRED", "BR-FR-CDV-14")]
    [InlineData("501", "IRR_SYNTAX", null, false, LifecycleActor.Platform, "LIFECYCLE_TRANSITION_ILLEGAL", null)]
    public void A_bad_change_is_refused_with_its_code(string code, string? reason, string? action, bool amounts, LifecycleActor actor, string expected, string? rule)
    {
        var lifecycle = After("200", "202", "203");

        var error = Assert.Throws<PortiqueException>(() => lifecycle.Check(
            new LifecycleChange(code, reason, null, action) { Collected = amounts ? [new CollectedAmount(1m, 20m)] : [] }, actor));

        Assert.Equal(expected, error.Code);
        if (rule is not null)
            Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(10.001, 20)]
    [InlineData(10, 120)]
    public void A_collected_amount_must_be_positive_with_a_rate_between_0_and_100(decimal amount, decimal rate)
    {
        var error = Assert.Throws<PortiqueException>(() => After("200", "202", "203").Check(
            new LifecycleChange("212") { Collected = [new CollectedAmount(amount, rate)] }, LifecycleActor.Seller));

        Assert.Equal("LIFECYCLE_AMOUNT_INVALID", error.Code);
    }
}
