using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Portique.Accounts;

namespace Portique.Common.Authorization;

/// <summary>The signed-in user as handlers need it: id and operator flag, from the authentication claims.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public long Id => long.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new PortiqueException("NOT_AUTHENTICATED", "Authentification requise.", 401);

    public bool IsOperator => Principal.IsInRole(Roles.Operator);
}
