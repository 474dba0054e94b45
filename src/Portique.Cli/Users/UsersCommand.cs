using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Portique.Accounts.PlatformRoles;
using Portique.Cli.Db;
using Portique.Common;

namespace Portique.Cli.Users;

/// <summary>
/// `portique users grant-role|revoke-role|list-role`: the platform roles (Operateur, Douane) from the command line — how a
/// fresh installation gets its first operator, who then manages roles on the portal (Espace opérateur → Rôles).
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Platform roles of user accounts.");
        command.Subcommands.Add(RoleCommand("grant-role", "Give an account a platform role.", withEmail: true, async (handler, db, role, email, output, ct) =>
        {
            var holder = await handler.GrantAsync(role, new GrantRoleRequest(email), actorId: null, ct);
            output.WriteLine($"{holder.Email} now has the role {PlatformRolesHandler.Known(role)}.");
        }));
        command.Subcommands.Add(RoleCommand("revoke-role", "Withdraw a platform role from an account.", withEmail: true, async (handler, db, role, email, output, ct) =>
        {
            var normalized = email!.ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw PortiqueException.NotFound("USER_NOT_FOUND", $"No account has the address '{email}'.");
            await handler.RevokeAsync(role, userId, actorId: null, ct);
            output.WriteLine($"{email} no longer has the role {PlatformRolesHandler.Known(role)}.");
        }));
        command.Subcommands.Add(RoleCommand("list-role", "List the accounts that have a platform role.", withEmail: false, async (handler, db, role, email, output, ct) =>
        {
            foreach (var holder in await handler.ListAsync(role, ct))
                output.WriteLine($"{holder.Email}\t{holder.Nom}\t{(holder.Actif ? "active" : "inactive")}");
        }));
        return command;
    }

    private delegate Task RoleAction(PlatformRolesHandler handler, Common.Data.PortiqueDb db, string role, string? email, TextWriter output, CancellationToken ct);

    private static Command RoleCommand(string name, string description, bool withEmail, RoleAction action)
    {
        var role = new Option<string>("--role") { Description = string.Join(" or ", PlatformRolesHandler.All), Required = true };
        var email = new Option<string>("--email") { Description = "login e-mail of the account", Required = true };
        var provider = new Option<string?>("--provider") { Description = "sqlite or postgres (default: setting Database:Provider, else sqlite)" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "connection string (default: setting ConnectionStrings:Portique)" };
        var command = new Command(name, description) { role, provider, connection };
        if (withEmail)
            command.Options.Add(email);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                await using var db = DbCommand.Open(parse.GetValue(provider), parse.GetValue(connection));
                await action(new PlatformRolesHandler(db, TimeProvider.System), db, parse.GetValue(role)!, withEmail ? parse.GetValue(email) : null,
                    parse.InvocationConfiguration.Output, ct);
                return 0;
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return Program.UsageError;
            }
            catch (PortiqueException e)
            {
                error.WriteLine($"{e.Code}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
