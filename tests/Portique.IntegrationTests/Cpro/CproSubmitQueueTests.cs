using Microsoft.AspNetCore.Hosting;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Cpro;

/// <summary>An application whose soumettre does not wait for the deposit queue (Cpro:SubmitWaitSeconds = 0).</summary>
public sealed class NoWaitApp : InvoicingApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cpro:SubmitWaitSeconds", "0");
    }
}

/// <summary>soumettre answered before the worker reached its flow: the flow number is then the way to follow it.</summary>
public sealed class CproSubmitQueueTests(NoWaitApp app) : IClassFixture<NoWaitApp>
{
    [Fact]
    public async Task A_submission_not_yet_integrated_is_answered_with_its_flow_number_and_followed_by_the_report()
    {
        var (_, supplierPortal) = await app.SignedInUserAsync();
        var (_, recipientPortal) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplierPortal, supplierSiret, isPublic: false, vatNumber: $"FR00{supplierSiret[..9]}");
        await Kit.CreateStructureAsync(recipientPortal, recipientSiret);
        var supplier = await CproClient.ForStructureAsync(app, supplierPortal, supplierId);
        var number = $"Q-{Unique.Next()}";

        var submitted = await supplier.OkAsync("factures/v1/soumettre", new
        {
            modeDepot = "SAISIE_API", numeroFactureSaisi = number, dateFacture = "2026-11-20", destinataire = new { codeDestinataire = recipientSiret },
            lignePoste = new[] { new { lignePosteDenomination = "Audit", lignePosteQuantite = 1, lignePosteMontantUnitaireHT = 1000, lignePosteTauxTva = "TAUX_20" } },
        });
        Assert.Null(submitted["identifiantFactureCPP"]);
        Assert.Null(submitted["statutFacture"]);
        Assert.Equal(number, submitted["numeroFacture"]!.GetValue<string>());
        var flow = submitted["numeroFluxDepot"]!.GetValue<string>();
        Assert.Equal("IN_RECU", (await supplier.OkAsync("transverses/v1/consulterCRDetaille", new { numeroFluxDepot = flow }))["etatCourantDepotFlux"]!.GetValue<string>());

        await app.ProcessDepositsAsync();
        Assert.Equal("IN_INTEGRE", (await supplier.OkAsync("transverses/v1/consulterCRDetaille", new { numeroFluxDepot = flow }))["etatCourantDepotFlux"]!.GetValue<string>());
        var found = Assert.Single((await supplier.OkAsync("factures/v1/rechercher/fournisseur", new { numeroFluxDepot = flow }))["listeFactures"]!.AsArray())!;
        Assert.Equal(number, found["numeroFacture"]!.GetValue<string>());
        Assert.Equal(1200m, found["montantTTC"]!.GetValue<decimal>());
    }
}
