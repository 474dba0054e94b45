using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Annuaire;
using Portique.Annuaire.Resolution;
using Portique.Common;
using Portique.IntegrationTests.Infrastructure;
using Portique.IntegrationTests.Invoicing;
using static Portique.IntegrationTests.Annuaire.DirectoryKit;

namespace Portique.IntegrationTests.Annuaire;

/// <summary>Directory lines: default line, history, the database's refusals, and resolution at every granularity (SQLite and PostgreSQL).</summary>
public sealed class DirectoryLineTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private DateOnly Today => app.Clock.GetUtcNow().DayInParis();

    private async Task<Resolution> ResolveAsync(string address, DateOnly day)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DirectoryResolver>().ResolveAsync(address, day, CancellationToken.None);
    }

    [Fact]
    public async Task Every_siren_gets_its_default_line_public_ones_through_Chorus_Pro()
    {
        var op = await OperatorAsync(app);
        var privateSiren = Siren();
        var publicSiren = Siren();
        await LegalUnitAsync(op, privateSiren, "Menuiserie Durand");
        await LegalUnitAsync(op, publicSiren, "Commune de Trifouillis", isPublic: true);

        var lines = await app.Db(db => db.Set<DirectoryLine>().AsNoTracking().Where(l => l.Siren == privateSiren || l.Siren == publicSiren).ToListAsync());
        var privateLine = Assert.Single(lines, l => l.Siren == privateSiren);
        Assert.Equal((privateSiren, Granularity.SIREN, (string?)null, LineStatus.Disabled), (privateLine.AddressingIdentifier, privateLine.Granularity, privateLine.PlatformMatricule, privateLine.StatusOn(Today)));
        var publicLine = Assert.Single(lines, l => l.Siren == publicSiren);
        Assert.Equal((Platform.ChorusPro, LineStatus.Enabled), (publicLine.PlatformMatricule, publicLine.StatusOn(Today)));

        var again = await op.PostAsJsonAsync("/api/v1/directory/legal-units", new { siren = privateSiren, businessName = "Autre" });
        await Kit.AssertProblem(again, HttpStatusCode.Conflict, "LEGAL_UNIT_DUPLICATE");
        var badKey = await op.PostAsJsonAsync("/api/v1/directory/legal-units", new { siren = privateSiren[..8] + ((privateSiren[8] - '0' + 1) % 10), businessName = "Clé fausse" });
        await Kit.AssertProblem(badKey, HttpStatusCode.BadRequest, "SIREN_INVALID");
    }

    [Fact]
    public async Task Overlapping_periods_of_one_address_are_refused_by_the_database()
    {
        var op = await OperatorAsync(app);
        var siren = Siren();
        await LegalUnitAsync(op, siren, "Boulangerie Martin", validFrom: "2026-01-01");
        var address = AddressingIdentifier.Parse(siren);

        // Straight into the table, past the entity's rules: only the database stands in the way.
        var overlap = await Assert.ThrowsAsync<DbUpdateException>(() => app.Db(async db =>
        {
            db.Add(DirectoryLine.Create(address, Platform.PublicPortal, new DateOnly(2026, 6, 1), DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal("DIRECTORY_LINE_OVERLAP", DirectoryLines.Refusal(overlap)?.Code);

        // A version is never deleted, and changes only by its closing, once.
        var deleted = await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Set<DirectoryLine>().Where(l => l.Siren == siren).ExecuteDeleteAsync()));
        Assert.Equal("DIRECTORY_LINE_IMMUTABLE", DirectoryLines.Refusal(deleted)?.Code);
        var moved = await Assert.ThrowsAnyAsync<Exception>(() => app.Db(db => db.Set<DirectoryLine>().Where(l => l.Siren == siren)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.PlatformMatricule, Platform.PublicPortal))));
        Assert.Equal("DIRECTORY_LINE_IMMUTABLE", DirectoryLines.Refusal(moved)?.Code);
        Assert.Equal(1, await app.Db(db => db.Set<DirectoryLine>().CountAsync(l => l.Siren == siren && l.ValidTo == null && l.PlatformMatricule == null)));

        // Disjoint periods are fine: a closed version followed by another one.
        var later = await app.Db(async db =>
        {
            var line = await db.Set<DirectoryLine>().SingleAsync(l => l.Siren == siren);
            var next = line.Supersede(Platform.PublicPortal, new DateOnly(2026, 9, 1), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            db.Add(next);
            await db.SaveChangesAsync();
            return next;
        });
        Assert.True(later.IdInstance > 0);
    }

    [Fact]
    public async Task A_company_that_changed_platform_twice_keeps_its_history()
    {
        var op = await OperatorAsync(app);
        var (first, second) = (await PlatformAsync(op), await PlatformAsync(op));
        var siren = Siren();
        var initial = await LegalUnitAsync(op, siren, "Transports Petit", platform: first, validFrom: Today.AddDays(-30).ToString("yyyy-MM-dd"));
        var change1 = await LineAsync(op, new { siren, platformMatricule = second, validFrom = Today.AddDays(10).ToString("yyyy-MM-dd") });
        Assert.Equal("Upcoming", change1.GetProperty("status").GetString());
        var change2 = await LineAsync(op, new { siren, platformMatricule = first, validFrom = Today.AddDays(40).ToString("yyyy-MM-dd") });

        var history = await app.Db(db => db.Set<DirectoryLine>().AsNoTracking().Where(l => l.AddressingIdentifier == siren).OrderBy(l => l.ValidFrom).ToListAsync());
        Assert.Equal([initial, change1.GetProperty("idInstance").GetInt64(), change2.GetProperty("idInstance").GetInt64()], history.Select(l => l.IdInstance));
        Assert.Equal([Today.AddDays(10), Today.AddDays(40), null], history.Select(l => l.ValidTo));
        Assert.Equal(first, (await ResolveAsync(siren, Today)).Platform?.Matricule);
        Assert.Equal(second, (await ResolveAsync(siren, Today.AddDays(10))).Platform?.Matricule);
        Assert.Equal(second, (await ResolveAsync(siren, Today.AddDays(39))).Platform?.Matricule);
        Assert.Equal(first, (await ResolveAsync(siren, Today.AddDays(40))).Platform?.Matricule);
        Assert.Equal(RoutingOutcome.NotTransmitted, (await ResolveAsync(siren, Today.AddDays(-31))).Outcome);

        // History is only appended: not before the last version's start, never in the past.
        var rewrite = await op.PostAsJsonAsync("/api/v1/directory/lines", new { siren, platformMatricule = second, validFrom = Today.AddDays(20).ToString("yyyy-MM-dd") });
        await Kit.AssertProblem(rewrite, HttpStatusCode.BadRequest, "DIRECTORY_LINE_START_TOO_EARLY");
        var past = await op.PostAsJsonAsync("/api/v1/directory/lines", new { siren, platformMatricule = second, validFrom = Today.AddDays(-1).ToString("yyyy-MM-dd") });
        await Kit.AssertProblem(past, HttpStatusCode.BadRequest, "DIRECTORY_LINE_IN_PAST");
        var unknown = await op.PostAsJsonAsync("/api/v1/directory/lines", new { siren, platformMatricule = "9998", validFrom = Today.AddDays(50).ToString("yyyy-MM-dd") });
        await Kit.AssertProblem(unknown, HttpStatusCode.NotFound, "PLATFORM_NOT_FOUND");
    }

    [Fact]
    public async Task Resolution_uses_the_finest_line_in_force_and_falls_back_to_siret_then_siren()
    {
        var op = await OperatorAsync(app);
        var (sirenPa, siretPa, codePa, suffixPa) = (await PlatformAsync(op), await PlatformAsync(op), await PlatformAsync(op), await PlatformAsync(op));
        var siren = Siren();
        var siret = SiretOf(siren);
        var other = SiretOf(siren);
        await LegalUnitAsync(op, siren, "Groupe Leroy", platform: sirenPa, validFrom: Today.AddDays(-100).ToString("yyyy-MM-dd"));
        await FacilityAsync(op, siret, "Leroy Lyon");
        await FacilityAsync(op, other, "Leroy Nantes");
        await RoutingCodeAsync(op, siret, "ACHATS");
        await RoutingCodeAsync(op, siret, "COMPTA");
        await LineAsync(op, new { siren, siret, platformMatricule = siretPa });
        await LineAsync(op, new { siren, siret, routingIdentifier = "ACHATS", platformMatricule = codePa });
        await LineAsync(op, new { siren, suffix = "STATUTS", platformMatricule = suffixPa });
        await LineAsync(op, new { siren, suffix = "FUTUR", platformMatricule = suffixPa, validFrom = Today.AddDays(5).ToString("yyyy-MM-dd") });

        async Task Expect(string address, string? platform, Granularity granularity, DateOnly? day = null)
        {
            var r = await ResolveAsync(address, day ?? Today);
            Assert.True(platform == r.Platform?.Matricule, $"{address}: expected {platform}, got {r.Platform?.Matricule} ({r.Outcome}: {r.Message})");
            Assert.Equal(granularity, r.Line!.Granularity);
        }
        await Expect(siren, sirenPa, Granularity.SIREN);
        await Expect($"0225:{siren}_{siret}", siretPa, Granularity.SIREN_SIRET);
        await Expect($"{siren}_{siret}_ACHATS", codePa, Granularity.SIREN_SIRET_ROUTINGCODE);
        await Expect($"{siren}_{siret}_COMPTA", siretPa, Granularity.SIREN_SIRET);       // code without a line → its SIRET
        await Expect($"{siren}_{other}", sirenPa, Granularity.SIREN);                     // SIRET without a line → the SIREN
        await Expect($"{siren}_STATUTS", suffixPa, Granularity.SIREN_SUFFIX);
        await Expect($"{siren}_FUTUR", sirenPa, Granularity.SIREN);                       // upcoming line: not in force yet
        await Expect($"{siren}_FUTUR", suffixPa, Granularity.SIREN_SUFFIX, Today.AddDays(5));
        await Expect($"{siren}_{siret}", sirenPa, Granularity.SIREN, Today.AddDays(-1));  // before the SIRET line started

        var unknown = await ResolveAsync(Siren(), Today);
        Assert.Equal((RoutingOutcome.UnknownRecipient, "DEST_INC"), (unknown.Outcome, unknown.Reason));
        foreach (var bad in new[] { "12345", "0225:ABC", $"{siren}/{siret}", new string('1', 126) })
            Assert.Equal("ADR_ERR", (await ResolveAsync(bad, Today)).Reason);
    }

    [Fact]
    public async Task Only_a_principal_manager_of_the_company_or_an_operator_changes_its_lines()
    {
        var op = await OperatorAsync(app);
        var platform = await PlatformAsync(op);
        var siren = Siren();
        var siret = SiretOf(siren);
        await LegalUnitAsync(op, siren, "Garage Moreau");
        var (_, manager) = await app.SignedInUserAsync();
        await Kit.CreateStructureAsync(manager, siret, isPublic: false);
        var (_, stranger) = await app.SignedInUserAsync();
        await Kit.CreateStructureAsync(stranger, Unique.Siret(), isPublic: false);

        var refused = await stranger.PostAsJsonAsync("/api/v1/directory/lines", new { siren, platformMatricule = platform });
        await Kit.AssertProblem(refused, HttpStatusCode.Forbidden, "DIRECTORY_NOT_MANAGER");
        var line = await LineAsync(manager, new { siren, platformMatricule = platform, validFrom = Today.AddDays(1).ToString("yyyy-MM-dd") });
        Assert.Equal(platform, line.GetProperty("platformMatricule").GetString());
        var platformByManager = await manager.PostAsJsonAsync("/api/v1/directory/platforms", new { matricule = "0042", name = "PA" });
        Assert.Equal(HttpStatusCode.Forbidden, platformByManager.StatusCode);
    }
}
