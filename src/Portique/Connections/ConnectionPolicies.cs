using Portique.Common.Authorization;
using Portique.Organisation;

namespace Portique.Connections;

/// <summary>Domain "Raccordements", application "Compte technique": consultation to see, modification to create and reset.</summary>
public static class ConnectionPolicies
{
    public const string Read = Policies.Prefix + nameof(PortalApplication.Raccordements) + ":" + nameof(HabilitationProfile.Consultation);
    public const string Write = Policies.Prefix + nameof(PortalApplication.Raccordements) + ":" + nameof(HabilitationProfile.Modification);
}
