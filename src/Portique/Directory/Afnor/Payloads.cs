using System.Text.Json.Nodes;
using Portique.Organisation;

namespace Portique.Annuaire.Afnor;

/// <summary>
/// The resources as XP Z12-013 1.3.0 names their fields. Absent values are omitted rather than sent as null (§6.4); a
/// non-diffusible establishment shows no address, as the portal's other public answers.
/// </summary>
public static class Payloads
{
    public static JsonObject LegalUnit(LegalUnit u) => new()
    {
        ["siren"] = u.Siren,
        ["businessName"] = u.BusinessName,
        ["entityType"] = u.EntityType.ToString(),
        ["administrativeStatus"] = u.AdministrativeStatus.ToString(),
    };

    /// <summary><paramref name="included"/>: nested in another resource, where 1.3.0 names the instructions "instructions".</summary>
    public static JsonObject Facility(Facility f, StructureParameters? b2g, bool included = false)
    {
        var o = new JsonObject
        {
            ["siret"] = f.Siret,
            ["siren"] = f.Siren,
            ["name"] = f.Name,
            ["facilityType"] = f.FacilityType.ToString(),
            ["administrativeStatus"] = f.AdministrativeStatus.ToString(),
            [included ? "instructions" : "siretInstructions"] = new JsonObject { ["isSalesProspectingForbidden"] = !f.Diffusible },
        };
        if (f.Diffusible && Address(f.Address) is { } address)
            o["address"] = address;
        if (b2g is not null)
            o["b2gAdditionalData"] = B2g(b2g);
        return o;
    }

    /// <summary>A public structure's reception parameters (Organisation), under their XP Z12-013 names.</summary>
    private static JsonObject B2g(StructureParameters p) => new()
    {
        ["pm"] = p.ManagesMoa,
        ["pmOnly"] = p.MoaOnly,
        ["managesPaymentStatus"] = !p.PaymentStatusNotReported,
        ["managesLegalCommitmentCode"] = p.CommitmentNumberRequired,
        ["managesLegalCommitmentOrServiceCode"] = p.ServiceCodeOrCommitmentRequired,
        ["serviceCodeStatus"] = p.ServiceCodeRequired,
    };

    public static JsonObject? Address(FacilityAddress a)
    {
        var o = new JsonObject();
        Put(o, "addressLine1", a.Line1);
        Put(o, "addressLine2", a.Line2);
        Put(o, "addressLine3", a.Line3);
        Put(o, "postalCode", a.PostalCode);
        Put(o, "countrySubdivision", a.Subdivision);
        Put(o, "locality", a.Locality);
        Put(o, "countryCode", a.CountryCode);
        if (a.CountryCode == "FR")
            o["countryName"] = "France";
        return o.Count == 0 ? null : o;
    }

    public static JsonObject RoutingCode(RoutingCodeRow r, bool lineEmbedded = false)
    {
        var o = new JsonObject
        {
            ["routingIdentifier"] = r.RoutingIdentifier,
            ["routingIdentifierType"] = "0224",
            ["routingCodeName"] = r.Name,
            // The line's nested routingCode names it managesLegalCommitment (1.3.0 schema), the resource managesLegalCommitmentCode.
            [lineEmbedded ? "managesLegalCommitment" : "managesLegalCommitmentCode"] = r.ManagesLegalCommitmentCode,
            ["administrativeStatus"] = r.Closed ? "C" : "A",
        };
        if (!lineEmbedded)
            o["siret"] = r.Siret;
        return o;
    }

    public static JsonObject Line(DirectoryLine l, Platform? platform, DateOnly today)
    {
        var o = new JsonObject { ["addressingIdentifier"] = l.AddressingIdentifier };
        if (platform is not null && l.PlatformMatricule is not null)
            o["platformType"] = platform.Type.ToString();
        o["directoryLineStatus"] = l.StatusOn(today).ToString();
        o["siren"] = l.Siren;
        Put(o, "siret", l.Siret);
        Put(o, "routingIdentifier", l.RoutingIdentifier);
        Put(o, "addressingSuffix", l.Suffix);
        return o;
    }

    private static void Put(JsonObject o, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            o[name] = value;
    }
}

/// <summary>A routing code from either source: the directory's own table or a public structure's Chorus service.</summary>
public sealed class RoutingCodeRow
{
    public string Siret { get; init; } = "";
    public string RoutingIdentifier { get; init; } = "";
    public string Name { get; init; } = "";
    public bool ManagesLegalCommitmentCode { get; init; }
    public bool Closed { get; init; }
}
