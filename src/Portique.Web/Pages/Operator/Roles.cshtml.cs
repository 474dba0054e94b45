using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portique.Accounts;
using Portique.Accounts.PlatformRoles;
using Portique.Common.Authorization;

namespace Portique.Web.Pages.Operator;

/// <summary>Operators grant and withdraw the platform roles (operator, customs) by login e-mail.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class RolesModel(PlatformRolesHandler roles, CurrentUser user, IStringLocalizer<Labels> l) : PortiquePage
{
    public IReadOnlyList<(string Role, string Label, IReadOnlyList<RoleHolder> Holders)> Sections { get; private set; } = [];

    /// <summary>The role and e-mail of a refused grant, so the address stays in its own form with the message next to it.</summary>
    public string? PostedRole { get; private set; }
    public string? PostedEmail { get; private set; }

    public Task OnGetAsync() => OnRefusedAsync();

    public Task<IActionResult> OnPostGrantAsync(string role, string? email, CancellationToken ct) => Run(async () =>
    {
        (PostedRole, PostedEmail) = (role, email);
        var holder = await roles.GrantAsync(role, new GrantRoleRequest(email), user.Id, ct);
        return Done(l["{0} a désormais le rôle {1}.", holder.Email, role], "/Operator/Roles");
    });

    public Task<IActionResult> OnPostRevokeAsync(string role, long userId, CancellationToken ct) => Run(async () =>
    {
        await roles.RevokeAsync(role, userId, user.Id, ct);
        return Done(l["Rôle {0} retiré.", role], "/Operator/Roles");
    });

    protected override (string Key, string Label)? FieldOf(Portique.Common.PortiqueException refusal) =>
        refusal.Field == "email" && PostedRole is not null ? ($"{PostedRole}.email", l["E-mail de connexion"]) : null;

    protected override async Task OnRefusedAsync()
    {
        var ct = HttpContext.RequestAborted;
        Sections =
        [
            (Roles.Operator, "Opérateurs", await roles.ListAsync(Roles.Operator, ct)),
            (Roles.Customs, "Agents de la Douane", await roles.ListAsync(Roles.Customs, ct)),
        ];
    }
}
