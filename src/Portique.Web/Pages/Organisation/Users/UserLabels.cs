using Microsoft.Extensions.Localization;
using Portique.Organisation;
using Portique.Organisation.Users;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>French labels of the users pages' enumerations, translated through the same resource as the pages.</summary>
internal static class UserLabels
{
    public static string Role(IStringLocalizer l, MemberRole role) =>
        role == MemberRole.PrincipalManager ? l["Gestionnaire principal"] : l["Utilisateur simple"];

    public static string Status(IStringLocalizer l, AccountStatus status) => status switch
    {
        AccountStatus.Active => l["Actif"],
        AccountStatus.Unconfirmed => l["Non activé"],
        _ => l["Désactivé"],
    };

    public static string Application(IStringLocalizer l, PortalApplication application) => l[application.Label()];

    public static string Profile(IStringLocalizer l, HabilitationProfile profile) => l[profile.Label()];

    public static string Habilitation(IStringLocalizer l, HabilitationView h) =>
        $"{Application(l, h.Application)} : {Profile(l, h.Profile)}" + (h.ServiceCode is null ? "" : $" ({h.ServiceCode})");
}
