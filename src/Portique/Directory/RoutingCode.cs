using System.Buffers;
using Portique.Common;

namespace Portique.Annuaire;

/// <summary>
/// A routing code (sub-address: service, department) of an establishment. A public structure's Chorus services are its
/// routing codes already; they are answered from Organisation, and this table holds the private ones.
/// </summary>
public sealed class RoutingCode
{
    public const int MaxLength = 100;
    private static readonly SearchValues<char> Allowed = SearchValues.Create("-_/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private RoutingCode() { }

    public long Id { get; private set; }
    public string Siret { get; private set; } = "";
    public string RoutingIdentifier { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool ManagesLegalCommitmentCode { get; private set; }
    public AdministrativeStatus AdministrativeStatus { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static RoutingCode Create(string siret, string routingIdentifier, string name, bool managesLegalCommitmentCode, DateTimeOffset now) => new()
    {
        Siret = Siren.CheckedSiret(siret),
        RoutingIdentifier = Checked(routingIdentifier),
        Name = Validation.Required(name, "nom du code routage", MaxLength),
        ManagesLegalCommitmentCode = managesLegalCommitmentCode,
        AdministrativeStatus = AdministrativeStatus.A,
        CreatedAt = now,
    };

    public static string Checked(string? value)
    {
        var code = Validation.Required(value, "code routage", MaxLength);
        return !code.AsSpan().ContainsAnyExcept(Allowed) ? code
            : throw new PortiqueException("ROUTING_CODE_INVALID", $"Le code routage « {code} » ne peut contenir que des lettres, des chiffres et les caractères - _ /.") { Field = "routingIdentifier" };
    }

    public void Close() => AdministrativeStatus = AdministrativeStatus.C;
}
