using System.Globalization;
using System.Net;
using System.Text;
using Portique.Formats.FacturX;
using Portique.IntegrationTests.Cpro;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Invoicing;

/// <summary>
/// Issue 13, point 2, end to end: the 470-byte PDF whose embedded-files name tree lists itself, which killed the process in the
/// request (/cpro deposer/pdf) and in the worker (a Factur-X flow), is read safely on both paths and the host keeps answering.
/// </summary>
public sealed class HostilePdfTests(InvoicingApp app) : IClassFixture<InvoicingApp>
{
    /// <summary>Catalog → /Names /EmbeddedFiles 4 0 R, and object 4's /Kids is [4 0 R].</summary>
    internal static byte[] SelfReferencingPdf()
    {
        string[] objects =
        [
            "<</Type/Catalog/Pages 2 0 R/Names<</EmbeddedFiles 4 0 R>>>>",
            "<</Type/Pages/Count 1/Kids[3 0 R]>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>>",
            "<</Kids[4 0 R]/Limits[(factur-x.xml)(factur-x.xml)]>>",
        ];
        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        foreach (var (value, i) in objects.Select((v, i) => (v, i)))
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{value}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f\r\n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {objects.Length + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    [Fact]
    public async Task Cpro_deposer_pdf_reads_the_self_referencing_pdf_as_a_plain_pdf_and_the_host_stays_up()
    {
        var (_, portal) = await app.SignedInUserAsync();
        var siret = Unique.Siret();
        var structureId = await Kit.CreateStructureAsync(portal, siret, isPublic: false);
        var cpro = await CproClient.ForStructureAsync(app, portal, structureId);
        var pdf = SelfReferencingPdf();
        Assert.InRange(pdf.Length, 400, 600);

        var deposited = await cpro.OkAsync("factures/v1/deposer/pdf", new { fichierFacture = Convert.ToBase64String(pdf), nomFichier = "boucle.pdf", formatDepot = "PDF_NON_SIGNE" });

        // No invoice data can be read from it (as from a scan): the fields stay empty, the file is kept for soumettre.
        Assert.True(deposited["pieceJointeId"]!.GetValue<long>() > 0);
        Assert.Null(deposited["numeroFacture"]);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_factur_x_flow_with_the_self_referencing_pdf_is_rejected_with_its_finding_and_the_worker_goes_on()
    {
        var (client, structureId, siret, recipientSiret) = await Kit.SupplierAndRecipientAsync(app);
        var hostile = await Kit.DepositAsync(client, structureId, SelfReferencingPdf(), "boucle.pdf", "IN_DP_E2_CII_FACTURX");
        var number = $"H{Unique.Next()}";
        var valid = await Kit.DepositAsync(client, structureId, Kit.Ubl(siret, recipientSiret, number), $"{number}.xml");

        await app.ProcessDepositsAsync();

        var report = await Kit.ReportAsync(client, structureId, hostile);
        Assert.Equal("IN_REJETE", report.GetProperty("etatCourantDepotFlux").GetString());
        Assert.Contains(FacturXRules.UnsafeStructure, Kit.Rules(report));
        Assert.Equal("IN_INTEGRE", (await Kit.ReportAsync(client, structureId, valid)).GetProperty("etatCourantDepotFlux").GetString());
    }
}
