using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>The deposit path routes B2B invoices by their BT-49 (scheme 0225) through the directory (SQLite and PostgreSQL).</summary>
public sealed class B2bDepositTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    /// <summary>The test invoice with the buyer's electronic address (BT-49) under scheme 0225; its other identifiers name no structure.</summary>
    private static byte[] B2bInvoice(string supplierSiret, string buyerAddress, string number)
    {
        var placeholder = Unique.Siret();
        var xml = System.Text.Encoding.UTF8.GetString(Kit.Ubl(supplierSiret, placeholder, number));
        var endpoint = $"<cbc:EndpointID schemeID=\"0009\">{placeholder}</cbc:EndpointID>";
        Assert.Contains(endpoint, xml, StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(xml.Replace(endpoint, $"<cbc:EndpointID schemeID=\"0225\">{buyerAddress}</cbc:EndpointID>", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Rule, bool Blocking)> Findings(JsonElement report) =>
        report.GetProperty("erreurs").EnumerateArray().Select(e => (e.GetProperty("regle").GetString()!, e.GetProperty("erreur").GetBoolean()));

    [Fact]
    public async Task A_b2b_invoice_is_routed_by_its_buyer_address_or_refused_with_the_reform_reasons()
    {
        var op = await OperatorAsync(app);
        var platform = await PlatformAsync(op);
        var routedSiren = Siren();
        var silentSiren = Siren();
        var publicSiren = Siren();
        var routedSiret = SiretOf(routedSiren);
        await LegalUnitAsync(op, routedSiren, "Fonderie Bernard", platform: platform);
        await FacilityAsync(op, routedSiret, "Fonderie Bernard Lyon");
        await LegalUnitAsync(op, silentSiren, "Atelier Roux");                           // known, no platform: Disabled line
        await LegalUnitAsync(op, publicSiren, "Syndicat des eaux", isPublic: true);     // public, but no portal structure
        var (_, supplier) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        var invoicesBefore = await app.CountAsync<Invoice>();

        var routed = await Kit.DepositAsync(supplier, supplierId, B2bInvoice(supplierSiret, $"{routedSiren}_{routedSiret}", $"B{Unique.Next()}"), "routed.xml");
        var silent = await Kit.DepositAsync(supplier, supplierId, B2bInvoice(supplierSiret, silentSiren, $"B{Unique.Next()}"), "silent.xml");
        var unknown = await Kit.DepositAsync(supplier, supplierId, B2bInvoice(supplierSiret, Siren(), $"B{Unique.Next()}"), "unknown.xml");
        var malformed = await Kit.DepositAsync(supplier, supplierId, B2bInvoice(supplierSiret, "123456789_X", $"B{Unique.Next()}"), "malformed.xml");
        var publicOne = await Kit.DepositAsync(supplier, supplierId, B2bInvoice(supplierSiret, publicSiren, $"B{Unique.Next()}"), "public.xml");
        await app.ProcessDepositsAsync();

        var report = await Kit.ReportAsync(supplier, supplierId, routed);
        Assert.Equal("IN_INTEGRE", report.GetProperty("etatCourantDepotFlux").GetString());
        report = await Kit.ReportAsync(supplier, supplierId, silent);
        Assert.Equal("IN_INTEGRE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal(("NON_TRANSMISE", false), Assert.Single(Findings(report)));
        report = await Kit.ReportAsync(supplier, supplierId, unknown);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Equal("DEST_INC", Assert.Single(Kit.Rules(report)));
        report = await Kit.ReportAsync(supplier, supplierId, malformed);
        Assert.Equal("ADR_ERR", Assert.Single(Kit.Rules(report)));
        // A public entity keeps the public-sector circuit: it must be a portal structure.
        report = await Kit.ReportAsync(supplier, supplierId, publicOne);
        Assert.Equal("RECIPIENT_NOT_FOUND", Assert.Single(Kit.Rules(report)));

        var rows = await app.Db(db => db.Set<B2bRouting>().AsNoTracking().Where(r => r.SupplierStructureId == supplierId).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal(($"{routedSiren}_{routedSiret}", platform, "200", (string?)null), (rows[0].AddressingIdentifier, rows[0].PlatformMatricule, rows[0].Status, rows[0].Reason));
        Assert.NotNull(rows[0].LineIdInstance);                 // the SIREN line, by fallback from the SIRET address
        Assert.Equal((silentSiren, (string?)null, "200", "NON_TRANSMISE"), (rows[1].AddressingIdentifier, rows[1].PlatformMatricule, rows[1].Status, rows[1].Reason));
        Assert.NotEmpty(rows[0].Content);
        Assert.Equal(invoicesBefore, await app.CountAsync<Invoice>());
    }

    [Fact]
    public async Task A_buyer_that_is_a_portal_structure_still_goes_through_the_public_sector_checks()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        await Kit.CreateStructureAsync(recipient, recipientSiret, parameters: new { serviceCodeRequired = true });
        // BT-49 under 0225 names nobody in the directory, but BT-46/BT-47 name the public structure: the structure wins, and its
        // parameters apply (the test invoice carries the buyer reference "n/a", no service of the structure).
        var xml = System.Text.Encoding.UTF8.GetString(Kit.Ubl(supplierSiret, recipientSiret, $"P{Unique.Next()}"))
            .Replace($"<cbc:EndpointID schemeID=\"0009\">{recipientSiret}</cbc:EndpointID>", $"<cbc:EndpointID schemeID=\"0225\">{Siren()}</cbc:EndpointID>", StringComparison.Ordinal);
        var flow = await Kit.DepositAsync(supplier, supplierId, System.Text.Encoding.UTF8.GetBytes(xml), "public.xml");
        await app.ProcessDepositsAsync();
        Assert.Equal("SERVICE_NOT_FOUND", Assert.Single(Kit.Rules(await Kit.ReportAsync(supplier, supplierId, flow))));
    }
}
