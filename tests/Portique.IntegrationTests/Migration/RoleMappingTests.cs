using System.Net;
using Microsoft.EntityFrameworkCore;
using Portique.IntegrationTests.Accounts;
using Portique.IntegrationTests.Infrastructure;
using Portique.LegacyMigration;
using Portique.Organisation;

namespace Portique.IntegrationTests.Migration;

public sealed class RoleMappingTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Secondary_managers_keep_their_rights_and_each_structure_ends_with_one_principal()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            var (a, b, c) = (LegacyGenerator.Siret(900_001), LegacyGenerator.Siret(900_002), LegacyGenerator.Siret(900_003));
            Write(work, LegacyFormat.Structures,
                $"1;SIRET;{a};Alpha;PRIVATE;;;;;FR;2018-03-01;ACTIVE;0000001101",
                $"2;SIRET;{b};Bêta;PUBLIC;1 rue Pasteur;;25000;Besançon;FR;2019-01-15;ACTIVE;1000000",
                $"3;SIRET;{c};Gamma;PRIVATE;;;;;;2020-06-30;ACTIVE;");
            Write(work, LegacyFormat.Services, "10;2;COMPTA;Comptabilité;ACTIVE");
            Write(work, LegacyFormat.Users,
                "1;p.alpha@exemple.fr;;Paul;Alpha;ACTIVE;2018-03-01",
                "2;s.alpha@exemple.fr;contact@exemple.fr;Sophie;Alpha;ACTIVE;2018-04-01",
                "3;first.beta@exemple.fr;;Félix;Bêta;ACTIVE;2019-01-15",
                "4;second.beta@exemple.fr;;Anaïs;Bêta;ACTIVE;2019-01-16",
                "5;gone.gamma@exemple.fr;;Marc;Gamma;INACTIVE;2020-06-30",
                "6;s.gamma@exemple.fr;;Inès;Gamma;ACTIVE;2020-07-01");
            Write(work, LegacyFormat.Roles,
                "1;1;PRINCIPAL", "2;1;SECONDARY",
                "3;2;PRINCIPAL", "4;2;PRINCIPAL",
                "5;3;SECONDARY", "6;3;SECONDARY");
            Write(work, LegacyFormat.Habilitations,
                "2;1;;FacturesRecues;CONSULTATION",
                "4;2;10;FacturesEmises;MODIFICATION",
                "6;3;;Organisation;CONSULTATION");
            var connection = await app.Db(db => Task.FromResult(db.Database.GetConnectionString()!));
            var options = new ImportOptions(TestDatabase.IsPostgres ? Common.Data.DatabaseProvider.Postgres : Common.Data.DatabaseProvider.Sqlite, connection, 1000,
                Path.Combine(work.FullName, "rejects"));

            var summary = await new LegacyImporter(options, app.Clock).RunAsync(work.FullName, write: true, CancellationToken.None);

            Assert.All(summary.Files, f => Assert.Equal(0, f.Rejected));
            Assert.Equal(1, summary.Resolutions["SEVERAL_PRINCIPALS_FIRST_KEPT"]);
            Assert.Equal(1, summary.Resolutions["NO_PRINCIPAL_MEMBER_PROMOTED"]);
            var members = await app.Db(db => db.Memberships.AsNoTracking()
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, Membership = m }).ToDictionaryAsync(x => x.Email!, x => x.Membership));

            // Alpha: the secondary manager is a simple user who may still manage the structure, and keeps her other right.
            Assert.Equal(MemberRole.PrincipalManager, members["p.alpha@exemple.fr"].Role);
            var secondary = members["s.alpha@exemple.fr"];
            Assert.Equal(MemberRole.User, secondary.Role);
            Assert.True(secondary.CanManage);
            Assert.True(secondary.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation));
            // Bêta: two principals, the first in file order stays; the other becomes a secondary manager with its service right.
            Assert.Equal(MemberRole.PrincipalManager, members["first.beta@exemple.fr"].Role);
            Assert.Equal(MemberRole.User, members["second.beta@exemple.fr"].Role);
            Assert.True(members["second.beta@exemple.fr"].CanManage);
            Assert.Single(members["second.beta@exemple.fr"].Habilitations, h => h.ServiceId is not null && h.Application == PortalApplication.FacturesEmises);
            // Gamma: no principal; the first member with an active account is promoted; "Organisation consultation" of a secondary is raised.
            Assert.Equal(MemberRole.User, members["gone.gamma@exemple.fr"].Role);
            Assert.True(members["gone.gamma@exemple.fr"].CanManage);
            Assert.Equal(MemberRole.PrincipalManager, members["s.gamma@exemple.fr"].Role);
            var principals = await app.Db(db => db.Memberships.Where(m => m.Role == MemberRole.PrincipalManager).GroupBy(m => m.StructureId).Select(g => g.Count()).ToListAsync());
            Assert.Equal([1, 1, 1], principals);
            // Parameters: all ten read (Alpha), the last three false in a seven-character export (Bêta).
            var parameters = await app.Db(db => db.Structures.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Parameters).ToListAsync());
            Assert.Equal(new StructureParameters { EdiConnection = true, ReceivesViaEdi = true, InseeNonDiffusible = true }, parameters[^3]);
            Assert.Equal(new StructureParameters { ServiceCodeRequired = true }, parameters[^2]);
            // Bêta is public: it carries the default service, as a structure created on the portal does.
            Assert.Equal(2, await app.Db(db => db.Services.CountAsync(s => s.Code == Structure.DefaultPublicServiceCode || s.Code == "COMPTA")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_migrated_user_sets_a_new_password_at_first_login()
    {
        var work = MigrationKit.TempDirectory();
        try
        {
            LegacyGenerator.Generate(new GeneratorOptions(Users: 5, Structures: 5, Habilitations: 10, Seed: 11), work.FullName);
            // The fixture's database may already hold the other test's migration: import into a database of its own through a second app.
            await using var other = new PortiqueApp();
            await other.InitializeAsync();
            var connection = await other.Db(db => Task.FromResult(db.Database.GetConnectionString()!));
            var options = new ImportOptions(TestDatabase.IsPostgres ? Common.Data.DatabaseProvider.Postgres : Common.Data.DatabaseProvider.Sqlite, connection, 1000, work.FullName);
            await new LegacyImporter(options, other.Clock).RunAsync(work.FullName, write: true, CancellationToken.None);
            var email = File.ReadLines(Path.Combine(work.FullName, LegacyFormat.Users)).Skip(1).First().Split(';')[1];
            var normalized = email.ToUpperInvariant();
            var user = await other.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized));
            Assert.True(user.MustSetPassword);
            Assert.Null(user.PasswordHash);
            Assert.True(user.EmailConfirmed);

            var browser = other.Browser();
            var login = await browser.LoginPageAsync(email, "whatever-it-was-1A!");

            // The page answers as any failed login (it does not tell who has a migrated account); the link is in the mailbox.
            Assert.Equal("LOGIN_FAILED", AccountKit.RefusalCode(await login.Content.ReadAsStringAsync()));
            await other.DrainMailAsync();
            var link = other.PortalLink(email, "réinitialisation du mot de passe", "/Account/ResetPassword");
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
            var reset = await browser.PostFormAsync("/Account/ResetPassword", new() { ["Email"] = email, ["Code"] = query["code"]!, ["Password"] = PortiqueApp.Password }, pageUrl: link);
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await other.ApiLoginAsync(email, PortiqueApp.Password)).StatusCode);
            Assert.False((await other.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).MustSetPassword);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Write(DirectoryInfo directory, string file, params string[] rows) =>
        File.WriteAllLines(Path.Combine(directory.FullName, file), [string.Join(';', LegacyFormat.Headers[file]), .. rows]);
}
