namespace Portique.Organisation;

/// <summary>
/// Portal applications a habilitation is granted on (chorus-pro.md §5). The numbers are stored (habilitations table):
/// never renumber a member, add new ones at the end.
/// </summary>
public enum PortalApplication
{
    FacturesEmises = 0,
    FacturesRecues = 1,
    FacturesTravaux = 2,
    FacturesAValider = 3,
    MemoiresJustice = 4,
    RemboursementTaxes = 5,
    Organisation = 6,
    Raccordements = 7,
}

/// <summary>Modification includes consultation, hence the ordering. The numbers are stored (habilitations table).</summary>
public enum HabilitationProfile
{
    Consultation = 1,
    Modification = 2,
}

/// <summary>A right of one member on one application of a structure, optionally narrowed to one service.</summary>
public sealed class Habilitation
{
    private Habilitation() { }

    internal Habilitation(PortalApplication application, HabilitationProfile profile, long? serviceId)
    {
        Application = application;
        Profile = profile;
        ServiceId = serviceId;
    }

    public long Id { get; private set; }
    public long MembershipId { get; private set; }
    public PortalApplication Application { get; private set; }
    public HabilitationProfile Profile { get; private set; }
    public long? ServiceId { get; private set; }

    public bool Grants(PortalApplication application, HabilitationProfile profile, long? serviceId) =>
        Application == application && Profile >= profile && (ServiceId is null || ServiceId == serviceId);

    internal void ChangeProfile(HabilitationProfile profile) => Profile = profile;
}

public static class PortalApplications
{
    public static string Label(this PortalApplication application) => application switch
    {
        PortalApplication.FacturesEmises => "Factures émises",
        PortalApplication.FacturesRecues => "Factures reçues",
        PortalApplication.FacturesTravaux => "Factures de travaux",
        PortalApplication.FacturesAValider => "Factures à valider",
        PortalApplication.MemoiresJustice => "Mémoires de justice",
        PortalApplication.RemboursementTaxes => "Remboursement de taxes",
        PortalApplication.Organisation => "Organisation",
        PortalApplication.Raccordements => "Raccordements",
        _ => application.ToString(),
    };

    public static string Label(this HabilitationProfile profile) =>
        profile == HabilitationProfile.Modification ? "Modification" : "Consultation";
}
