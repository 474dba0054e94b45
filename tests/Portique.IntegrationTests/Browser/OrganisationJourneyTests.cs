using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portique.IntegrationTests.Infrastructure;
using Portique.Organisation;

namespace Portique.IntegrationTests.Browser;

/// <summary>Issue 2's journey in a real browser: a principal manager creates a structure, adds a service, grants a habilitation, transfers the role and exports the users.</summary>
public sealed class OrganisationJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableBrowserFact]
    public async Task Principal_manager_creates_structure_adds_service_grants_transfers_and_exports()
    {
        var manager = await app.CreateUserAsync(Unique.Email("gp"));
        var colleague = await app.CreateUserAsync(Unique.Email("colleague"));
        var siret = Unique.Siret();
        var page = await app.NewPageAsync();
        // Patient: the first page of a fixture is slow on a loaded machine (the full suite timed out here at 15 s).
        page.SetDefaultTimeout(60_000);
        await BrowserApp.SignInAsync(page, manager.Email!);

        // Create the structure: the creator lands on its page as principal manager.
        await page.GotoAsync("/Organisation/Structures/Create");
        await page.SelectOptionAsync("#IdentifierType", "SIRET");
        await page.FillAsync("#Identifier", siret);
        await page.FillAsync("#Form_Name", "Régie des eaux du navigateur");
        await page.CheckAsync("#IsPublic");
        await page.ClickAsync("#create-structure button[type=submit]");
        await page.WaitForSelectorAsync("#structure-status");
        Assert.Contains("Régie des eaux du navigateur", await page.InnerTextAsync("h1"));
        var structureId = await app.Db(db => db.Structures.Where(s => s.Identifier == siret).Select(s => s.Id).SingleAsync());

        // Add a service.
        await page.ClickAsync("#add-service");
        await page.FillAsync("#Form_Code", "voirie");
        await page.FillAsync("#Form_Name", "Service de la voirie");
        await page.ClickAsync("#create-service button[type=submit]");
        await page.WaitForURLAsync($"**/Organisation/Structures/{structureId}");
        Assert.Contains("VOIRIE", await page.ContentAsync(), StringComparison.Ordinal);

        // Attach a colleague and grant him "Factures émises" in modification on that service.
        await page.ClickAsync("#structure-users");
        await page.ClickAsync("#attach");
        await page.FillAsync("main input[name='Email']", colleague.Email!);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("#grant");
        await page.SelectOptionAsync("#grant select[name='Application']", "FacturesEmises");
        await page.SelectOptionAsync("#grant select[name='Profile']", "Modification");
        await page.SelectOptionAsync("#grant select[name='ServiceId']", new SelectOptionValue { Label = "VOIRIE — Service de la voirie" });
        await page.ClickAsync("#grant button[type=submit]");
        await page.WaitForSelectorAsync("text=Factures émises");
        var granted = await app.Db(db => db.Memberships.SingleAsync(m => m.StructureId == structureId && m.UserId == colleague.Id));
        Assert.Contains(granted.Habilitations, h => h.Application == PortalApplication.FacturesEmises && h.Profile == HabilitationProfile.Modification && h.ServiceId != null);

        // Transfer the principal role to the colleague, confirming on the second step.
        await page.GotoAsync($"/Organisation/Structures/{structureId}/Users");
        await page.ClickAsync("#transfer");
        await page.SelectOptionAsync("select[name='SuccessorId']", colleague.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#review");
        await page.ClickAsync("#confirm");
        await page.WaitForSelectorAsync(".notice");
        var roles = await app.Db(db => db.Memberships.Where(m => m.StructureId == structureId).ToDictionaryAsync(m => m.UserId));
        Assert.Equal(MemberRole.PrincipalManager, roles[colleague.Id].Role);
        Assert.Equal(MemberRole.User, roles[manager.Id].Role);
        Assert.True(roles[manager.Id].CanManage, "the former principal keeps Organisation modification");

        // The former principal, now a manager through "Organisation modification", downloads the Excel export.
        await page.GotoAsync($"/Organisation/Structures/{structureId}/Users");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            // The downloaded file is the one a user opens: schema-valid part by part, then read back.
            var workbook = await File.ReadAllBytesAsync(file);
            Xlsx.AssertSchemaValid(workbook);
            var rows = Xlsx.Rows(workbook, "Utilisateurs");
            Assert.Equal(2, rows.Count);
            var text = string.Join("\n", rows.Select(r => string.Join(" | ", r.Values)));
            Assert.Contains(colleague.Email!, text, StringComparison.Ordinal);
            Assert.Contains(manager.Email!, text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
