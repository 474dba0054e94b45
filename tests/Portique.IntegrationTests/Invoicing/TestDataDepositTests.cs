using System.IO.Compression;
using System.Text.Json;
using Portique.Formats;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// Deposits the public corpus (tests/data): every valid invoice is integrated once structures matching its parties
/// exist; every invalid EN 16931 unit test is rejected with the rule ids its source expects.
/// </summary>
public sealed class TestDataDepositTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    /// <summary>OracleAgrees: whether the official artefacts confirm the source's verdict (two Greek "valid" examples fail the UBL schema).</summary>
    private sealed record Row(string Path, string Syntax, string Expected, string[] Rules, bool OracleAgrees);

    private static IEnumerable<Row> Manifest() =>
        File.ReadLines(System.IO.Path.Combine(InvoicingApp.TestData, "MANIFEST.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(c => new Row(c[0], c[1], c[3], c[4].Split(';', StringSplitOptions.RemoveEmptyEntries), !c[14].StartsWith("no", StringComparison.Ordinal)));

    private static string SyntaxOf(string syntax) => syntax switch
    {
        "ubl-invoice" or "ubl-creditnote" => "IN_DP_E1_UBL_INVOICE",
        "cii" => "IN_DP_E1_CII",
        _ => "IN_DP_E2_CII_FACTURX",
    };

    /// <summary>
    /// Files whose buyer (BG-7) carries no identifier at all (no BT-46/47/48/49) cannot be routed to any structure: they must
    /// be refused for that reason alone (RECIPIENT_NOT_FOUND), every other valid file integrated.
    /// </summary>
    [Fact]
    public async Task Every_valid_file_is_integrated_with_structures_matching_its_parties()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var recipients = new Dictionary<string, long>();
        var flows = new List<(Row Row, long Structure, string Flow, bool Routable)>();
        foreach (var row in Manifest().Where(r => r.Expected == "valid" && r.OracleAgrees && r.Syntax is "ubl-invoice" or "ubl-creditnote" or "cii" or "pdf+cii"))
        {
            var content = await File.ReadAllBytesAsync(System.IO.Path.Combine(InvoicingApp.TestData, row.Path));
            var model = InvoiceEngine.Read(content).Invoice;
            // One supplier structure per file (several files share a seller and a number); its VAT number is the seller's key.
            var sellerKey = FlowProcessor.Identifiers(model.Seller).First(k => k.Length <= 20);
            var supplierId = await Kit.CreateStructureAsync(supplier, Unique.Siret(), isPublic: false, vatNumber: sellerKey);
            var buyerKey = FlowProcessor.Identifiers(model.Buyer).FirstOrDefault(k => k.Length <= 80);
            if (buyerKey is not null && !recipients.ContainsKey(buyerKey))
                recipients[buyerKey] = await Kit.CreateStructureAsync(recipient, buyerKey, type: "AUTRE");
            flows.Add((row, supplierId, await Kit.DepositAsync(supplier, supplierId, content, System.IO.Path.GetFileName(row.Path), SyntaxOf(row.Syntax)), buyerKey is not null));
        }
        await app.ProcessDepositsAsync();

        var failures = new List<string>();
        foreach (var (row, structure, flow, routable) in flows)
        {
            var report = await Kit.ReportAsync(supplier, structure, flow);
            if (!routable)
            {
                Assert.Equal(["RECIPIENT_NOT_FOUND"], Kit.Rules(report));
                continue;
            }
            if (report.GetProperty("etatCourantDepotFlux").GetString() != "IN_INTEGRE")
                failures.Add($"{row.Path}: {string.Join(", ", report.GetProperty("erreurs").EnumerateArray().Where(e => e.GetProperty("erreur").GetBoolean()).Select(e => $"{e.GetProperty("regle")} {e.GetProperty("message")}"))}");
        }
        Assert.True(flows.Count(f => f.Routable) > 120, $"only {flows.Count(f => f.Routable)} routable valid files of {flows.Count}");
        Console.WriteLine($"valid files: {flows.Count}, integrated: {flows.Count(f => f.Routable)}, buyer without identifier: {flows.Count(f => !f.Routable)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_invalid_EN16931_unit_test_is_rejected_with_its_rule_ids_in_one_archive_per_syntax()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var supplierId = await Kit.CreateStructureAsync(supplier, Unique.Siret(), isPublic: false);
        var invalid = Manifest().Where(r => r.Expected == "invalid" && r.Path.StartsWith("unit-tests/en16931-unit/", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();
        foreach (var group in invalid.GroupBy(r => SyntaxOf(r.Syntax)))
        {
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var row in group)
                    await archive.CreateEntryFromFileAsync(System.IO.Path.Combine(InvoicingApp.TestData, row.Path), row.Path);
            }
            var flow = await Kit.DepositAsync(supplier, supplierId, zip.ToArray(), "invalid.zip", group.Key);
            await app.ProcessDepositsAsync();
            var report = await Kit.ReportAsync(supplier, supplierId, flow);
            Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
            Assert.Equal(0, report.GetProperty("facturesIntegrees").GetInt32());
            var errors = report.GetProperty("erreurs").EnumerateArray().Where(e => e.GetProperty("erreur").GetBoolean())
                .ToLookup(e => e.GetProperty("document").GetString()!, e => e.GetProperty("regle").GetString()!);
            foreach (var row in group)
            {
                var missing = row.Rules.Except(errors[row.Path]).ToList();
                if (missing.Count > 0)
                    failures.Add($"{row.Path}: missing {string.Join(", ", missing)} (got {string.Join(", ", errors[row.Path])})");
            }
        }
        Assert.True(invalid.Count > 100, $"only {invalid.Count} invalid files found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {invalid.Count}:\n" + string.Join("\n", failures));
    }
}
