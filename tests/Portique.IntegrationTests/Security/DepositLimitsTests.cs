using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;

namespace Portique.IntegrationTests.Security;

/// <summary>A portal whose deposit quota is three flows per structure and minute, so a test can reach it.</summary>
public sealed class SmallQuotaApp : InvoicingApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invoicing:DepositsPerMinute", "3");
    }
}

/// <summary>Issue 13 point 6: a deposit quota per structure, and archive entry names made safe before they are stored and downloaded.</summary>
public sealed class DepositLimitsTests(SmallQuotaApp app) : IClassFixture<SmallQuotaApp>
{
    [Fact]
    public async Task A_structure_past_its_deposit_quota_is_refused_with_429_and_nothing_stored_while_others_deposit()
    {
        var (_, client) = await app.SignedInUserAsync();
        var busy = await Kit.CreateStructureAsync(client, Unique.Siret(), isPublic: false);
        var other = await Kit.CreateStructureAsync(client, Unique.Siret(), isPublic: false);
        for (var i = 0; i < 3; i++)
            await Kit.DepositAsync(client, busy, Kit.Ubl(Unique.Siret(), Unique.Siret(), $"Q{Unique.Next()}"), "f.xml");

        var refused = await client.PostAsJsonAsync($"/api/v1/structures/{busy}/invoices/flows",
            new { fichierFlux = Convert.ToBase64String(Kit.Ubl(Unique.Siret(), Unique.Siret(), "Q4")), nomFichier = "f.xml", syntaxeFlux = "IN_DP_E1_UBL_INVOICE" });

        await Kit.AssertProblem(refused, HttpStatusCode.TooManyRequests, "DEPOSIT_QUOTA_EXCEEDED");
        Assert.Equal(3, await app.Db(db => db.Set<Portique.Invoicing.Flow>().CountAsync(f => f.StructureId == busy)));
        await Kit.DepositAsync(client, other, Kit.Ubl(Unique.Siret(), Unique.Siret(), $"Q{Unique.Next()}"), "f.xml");
    }

    [Fact]
    public async Task Archive_entries_named_with_backslashes_are_stored_and_downloaded_by_their_file_name_only()
    {
        var (_, supplier) = await app.SignedInUserAsync();
        var (_, recipient) = await app.SignedInUserAsync();
        var supplierSiret = Unique.Siret();
        var recipientSiret = Unique.Siret();
        var supplierId = await Kit.CreateStructureAsync(supplier, supplierSiret, isPublic: false);
        await Kit.CreateStructureAsync(recipient, recipientSiret, isPublic: true);
        var number = $"BS{Unique.Next()}";
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("lot\\sous-lot\\facture-1.xml").Open();
            entry.Write(Kit.Ubl(supplierSiret, recipientSiret, number));
        }

        var flow = await Kit.DepositAsync(supplier, supplierId, archive.ToArray(), "C:\\Users\\compta\\lot.zip", "IN_DP_E1_UBL_INVOICE");
        await app.ProcessDepositsAsync();

        Assert.Equal("lot.zip", await app.Db(db => db.Set<Portique.Invoicing.Flow>().Where(f => f.Number == flow).Select(f => f.FileName).SingleAsync()));
        var sent = await supplier.GetFromJsonAsync<JsonElement>($"/api/v1/structures/{supplierId}/invoices/sent?numeroFacture={number}");
        var id = sent.GetProperty("items")[0].GetProperty("identifiantFactureCpp").GetInt64();
        var original = await supplier.GetAsync($"/api/v1/structures/{supplierId}/invoices/sent/{id}/original");
        Assert.Equal("facture-1.xml", original.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var download = await supplier.PostAsJsonAsync($"/api/v1/structures/{supplierId}/invoices/sent/download", new { ids = new[] { id } });
        using var zipped = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal($"{id}-facture-1.xml", Assert.Single(zipped.Entries).FullName);
    }
}
