namespace Portique.Web.Pages.Organisation.Structures.Services;

/// <summary>The editable fields of a service; the code is set at creation only.</summary>
public sealed class ServiceForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool CommitmentNumberRequired { get; set; }
}
