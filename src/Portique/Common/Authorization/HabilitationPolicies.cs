using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Common.Authorization;

/// <summary>
/// Structure-scoped authorization. An endpoint or page that touches a structure carries a policy
/// "hab:{application}:{profile}" and a route value {structureId}; the caller must hold that habilitation there.
/// </summary>
public static class Policies
{
    public const string Prefix = "hab:";
    public const string Operator = "operator";

    public static string Habilitation(PortalApplication application, HabilitationProfile profile) => $"{Prefix}{application}:{profile}";

    public const string OrganisationRead = Prefix + nameof(PortalApplication.Organisation) + ":" + nameof(HabilitationProfile.Consultation);
    public const string OrganisationWrite = Prefix + nameof(PortalApplication.Organisation) + ":" + nameof(HabilitationProfile.Modification);
    // Attribute arguments must be constants, hence one per habilitation that a page or endpoint names.
    public const string SentInvoicesRead = Prefix + nameof(PortalApplication.FacturesEmises) + ":" + nameof(HabilitationProfile.Consultation);
    public const string SentInvoicesWrite = Prefix + nameof(PortalApplication.FacturesEmises) + ":" + nameof(HabilitationProfile.Modification);
    public const string ReceivedInvoicesRead = Prefix + nameof(PortalApplication.FacturesRecues) + ":" + nameof(HabilitationProfile.Consultation);
    public const string InvoicesToValidateRead = Prefix + nameof(PortalApplication.FacturesAValider) + ":" + nameof(HabilitationProfile.Consultation);
    public const string InvoicesToValidateWrite = Prefix + nameof(PortalApplication.FacturesAValider) + ":" + nameof(HabilitationProfile.Modification);
    public const string ConnectionsRead = Prefix + nameof(PortalApplication.Raccordements) + ":" + nameof(HabilitationProfile.Consultation);
    public const string ConnectionsWrite = Prefix + nameof(PortalApplication.Raccordements) + ":" + nameof(HabilitationProfile.Modification);
    public const string RefundsRead = Prefix + nameof(PortalApplication.RemboursementTaxes) + ":" + nameof(HabilitationProfile.Consultation);
    public const string RefundsWrite = Prefix + nameof(PortalApplication.RemboursementTaxes) + ":" + nameof(HabilitationProfile.Modification);
}

public sealed record HabilitationRequirement(PortalApplication Application, HabilitationProfile Profile) : IAuthorizationRequirement;

/// <summary>Builds "hab:*" policies on demand, so modules need not register one policy per application and profile.</summary>
public sealed class HabilitationPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(Policies.Prefix, StringComparison.Ordinal))
            return await base.GetPolicyAsync(policyName);
        var parts = policyName[Policies.Prefix.Length..].Split(':');
        if (parts.Length != 2 || !Enum.TryParse<PortalApplication>(parts[0], out var app) || !Enum.TryParse<HabilitationProfile>(parts[1], out var profile))
            return null;
        return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new HabilitationRequirement(app, profile)).Build();
    }
}

/// <summary>Reads {structureId} from the route and checks the caller's membership. Operators pass consultation checks only.</summary>
public sealed class HabilitationHandler(IHttpContextAccessor accessor, PortiqueDb db) : AuthorizationHandler<HabilitationRequirement>
{
    public const string MembershipItem = "portique.membership";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, HabilitationRequirement requirement)
    {
        var http = accessor.HttpContext;
        if (http is null || !long.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId))
            return;
        if (!long.TryParse(http.GetRouteValue("structureId")?.ToString(), out var structureId))
            return;
        if (requirement.Profile == HabilitationProfile.Consultation && context.User.IsInRole(Roles.Operator))
        {
            context.Succeed(requirement);
            return;
        }
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.StructureId == structureId && m.UserId == userId && m.IsActive);
        // Received invoices are narrowed to the services a habilitation names (InvoiceAccess): there a habilitation on one
        // service opens the structure's routes; elsewhere rights are structure-wide.
        var allowed = requirement.Application == PortalApplication.FacturesRecues
            ? membership?.AllowsSomewhere(requirement.Application, requirement.Profile)
            : membership?.Allows(requirement.Application, requirement.Profile);
        if (allowed == true)
        {
            http.Items[MembershipItem] = membership!;
            context.Succeed(requirement);
        }
    }
}
