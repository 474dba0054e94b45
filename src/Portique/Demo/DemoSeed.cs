using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation;
using Portique.Organisation.BankAccounts;

namespace Portique.Demo;

/// <summary>
/// Demo data for the quick start: public and private structures with services, a principal manager and users per
/// structure, and an operator. Idempotent: does nothing when the operator account already exists.
/// </summary>
public static class DemoSeed
{
    public const string Password = "Portique-demo-2026";

    public sealed record DemoLogin(string Email, string Role);

    public static async Task<IReadOnlyList<DemoLogin>> SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<PortiqueDb>();
        var users = services.GetRequiredService<UserManager<User>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<long>>>();
        var logins = new List<DemoLogin>();
        const string operatorEmail = "operateur@portique.demo";
        if (await users.FindByEmailAsync(operatorEmail) is not null)
            return Logins();

        if (!await roles.RoleExistsAsync(Roles.Operator))
            Check(await roles.CreateAsync(new IdentityRole<long>(Roles.Operator)));
        var op = await CreateUserAsync(users, operatorEmail, "Olivia", "Opérateur", clock);
        Check(await users.AddToRoleAsync(op, Roles.Operator));
        if (!await roles.RoleExistsAsync(Roles.Customs))
            Check(await roles.CreateAsync(new IdentityRole<long>(Roles.Customs)));
        Check(await users.AddToRoleAsync(await CreateUserAsync(users, "douane@portique.demo", "Damien", "Douane", clock), Roles.Customs));

        var now = clock.GetUtcNow();
        await AddStructureAsync(db, users, clock, Structure.Create(IdentifierType.SIRET, "21300010700010", "Commune de Villeneuve-Démo", true, now),
            ["SERVICE_FINANCIER:Service financier", "SERVICES_TECHNIQUES:Services techniques"],
            ("gp.mairie@portique.demo", "Martine", "Maire"), ("agent.mairie@portique.demo", "Antoine", "Agent"), PortalApplication.FacturesRecues);
        await AddStructureAsync(db, users, clock, Structure.Create(IdentifierType.SIRET, "26750000100016", "Centre hospitalier Démo", true, now),
            ["ACHATS:Direction des achats"],
            ("gp.hopital@portique.demo", "Hélène", "Hôpital"), ("agent.hopital@portique.demo", "Hugo", "Comptable"), PortalApplication.FacturesRecues);
        await AddStructureAsync(db, users, clock, Structure.Create(IdentifierType.SIRET, "44812345600015", "Fournitures Dupont SARL", false, now),
            [],
            ("gp.dupont@portique.demo", "Denis", "Dupont"), ("compta.dupont@portique.demo", "Claire", "Compta"), PortalApplication.FacturesEmises);
        await AddStructureAsync(db, users, clock, Structure.Create(IdentifierType.SIRET, "51298765400013", "BTP Martin et Fils", false, now),
            ["CHANTIERS:Chantiers"],
            ("gp.martin@portique.demo", "Marc", "Martin"), ("conducteur.martin@portique.demo", "Paul", "Conducteur"), PortalApplication.FacturesTravaux);
        await Connections.DemoConnections.SeedAsync(services, clock, ct);
        await AddStructureAsync(db, users, clock, Structure.Create(IdentifierType.SIRET, "38012345600010", "GAEC des Prés Démo", false, now),
            [],
            ("gp.gaec@portique.demo", "Gérard", "Agriculteur"), ("compta.gaec@portique.demo", "Camille", "Comptable"), PortalApplication.RemboursementTaxes);
        return Logins();
    }

    private static IReadOnlyList<DemoLogin> Logins() =>
    [
        new("operateur@portique.demo", "opérateur"),
        new("gp.mairie@portique.demo", "gestionnaire principal, Commune de Villeneuve-Démo (publique)"),
        new("agent.mairie@portique.demo", "utilisateur, Commune de Villeneuve-Démo (Factures reçues)"),
        new("gp.hopital@portique.demo", "gestionnaire principal, Centre hospitalier Démo (publique)"),
        new("gp.dupont@portique.demo", "gestionnaire principal, Fournitures Dupont SARL (privée)"),
        new("compta.dupont@portique.demo", "utilisateur, Fournitures Dupont SARL (Factures émises)"),
        new("gp.martin@portique.demo", "gestionnaire principal, BTP Martin et Fils (privée)"),
        new("conducteur.martin@portique.demo", "utilisateur, BTP Martin et Fils (Factures de travaux)"),
        new("gp.gaec@portique.demo", "gestionnaire principal, GAEC des Prés Démo (privée)"),
        new("compta.gaec@portique.demo", "utilisateur, GAEC des Prés Démo (Remboursement de taxes)"),
        new("douane@portique.demo", "douane : traitement des demandes de remboursement"),
    ];

    private static async Task AddStructureAsync(PortiqueDb db, UserManager<User> users, TimeProvider clock, Structure structure, string[] services,
        (string Email, string First, string Last) principal, (string Email, string First, string Last) member, PortalApplication memberApp)
    {
        foreach (var s in services)
        {
            var parts = s.Split(':');
            structure.AddService(parts[0], parts[1], null, null);
        }
        // Companies get their French VAT number (needed to invoice VAT, BR-S-02) and a bank account to be paid by transfer.
        structure.Modify(structure.Name, principal.Email, structure.IsPublic ? null : FrenchVatNumber(structure.Identifier[..9]),
            new PostalAddress { Line1 = "1 place de la République", PostCode = "75001", City = "Paris", CountryCode = "FR" }, new StructureParameters(), clock.GetUtcNow());
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        if (!structure.IsPublic)
        {
            db.Add(BankAccount.Create(structure, "Compte courant", "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var gp = await CreateUserAsync(users, principal.Email, principal.First, principal.Last, clock);
        var user = await CreateUserAsync(users, member.Email, member.First, member.Last, clock);
        db.Memberships.Add(Membership.Attach(structure.Id, gp.Id, MemberRole.PrincipalManager, clock.GetUtcNow()));
        var m = Membership.Attach(structure.Id, user.Id, MemberRole.User, clock.GetUtcNow());
        m.Grant(memberApp, HabilitationProfile.Modification, null);
        m.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);
        db.Memberships.Add(m);
        await db.SaveChangesAsync();
    }

    /// <summary>FR + the key (12 + 3 × (SIREN mod 97)) mod 97 + the SIREN.</summary>
    private static string FrenchVatNumber(string siren) =>
        $"FR{(12 + 3 * (long.Parse(siren, System.Globalization.CultureInfo.InvariantCulture) % 97)) % 97:00}{siren}";

    private static async Task<User> CreateUserAsync(UserManager<User> users, string email, string first, string last, TimeProvider clock)
    {
        var user = new User
        {
            UserName = email, Email = email, EmailConfirmed = true, FirstName = first, LastName = last,
            CreatedAt = clock.GetUtcNow(), NotifyInvoicing = true,
        };
        Check(await users.CreateAsync(user, Password));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
