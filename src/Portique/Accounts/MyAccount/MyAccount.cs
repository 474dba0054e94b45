using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Authorization;
using Portique.Common.Data;

namespace Portique.Accounts.MyAccount;

public sealed record MyAccountView(
    long Id, string Email, string FirstName, string LastName, string? ContactEmail,
    bool NotifyInvoicing, bool NotifyNews, bool TwoFactorEnabled, DateTimeOffset CreatedAt);

public sealed record UpdateMyAccountRequest(string FirstName, string LastName, string? ContactEmail, bool NotifyInvoicing, bool NotifyNews);

/// <summary>"Mon compte": the caller's own profile, contact e-mail and notification switches. Only ever the caller's.</summary>
public sealed class MyAccountHandler(PortiqueDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<MyAccountView> GetAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == me.Id)
            .Select(u => new MyAccountView(u.Id, u.Email ?? "", u.FirstName, u.LastName, u.ContactEmail, u.NotifyInvoicing, u.NotifyNews, u.TwoFactorEnabled, u.CreatedAt))
            .SingleOrDefaultAsync(ct)
        ?? throw new PortiqueException("NOT_AUTHENTICATED", "Authentification requise.", 401);

    public async Task<MyAccountView> UpdateAsync(UpdateMyAccountRequest r, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == me.Id, ct)
            ?? throw new PortiqueException("NOT_AUTHENTICATED", "Authentification requise.", 401);
        user.UpdateProfile(r.FirstName, r.LastName, r.ContactEmail, r.NotifyInvoicing, r.NotifyNews);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, "account.update", targetUserId: user.Id,
            details: $"notifications facturation={r.NotifyInvoicing} actualités={r.NotifyNews}"));
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me", async Task<Ok<MyAccountView>> (MyAccountHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequireAuthorization()
            .WithSummary("Mon compte : profil, e-mail de contact et notifications");
        api.MapPut("/me", async Task<Ok<MyAccountView>> (UpdateMyAccountRequest request, MyAccountHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.UpdateAsync(request, ct)))
            .RequireAuthorization()
            .WithSummary("Modifier mon compte (prénom, nom, e-mail de contact, Notification Facturation, Notification Actualités)");
    }
}
