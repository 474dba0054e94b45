using Portique.Common.Authorization;
using Portique.Organisation;

namespace Portique.Connections;

/// <summary>Domain "Raccordements", application "Compte technique": consultation to see, modification to create and reset.</summary>
public static class ConnectionPolicies
{
    public const string Read = Policies.ConnectionsRead;
    public const string Write = Policies.ConnectionsWrite;
}
