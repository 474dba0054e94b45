using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Connections.Cpro;
using Portique.Cpro.Common;
using Portique.Cpro.Factures;
using Portique.Cpro.Structures;
using Portique.Cpro.Transverses;

namespace Portique.Cpro;

/// <summary>
/// The Chorus-compatible API (/cpro): Chorus Pro's paths and JSON names over the portal's own handlers. Authentication and
/// the technical account's rights come from the Connections module; business refusals answer in the Chorus envelope.
/// </summary>
public static class CproModule
{
    public static void MapCpro(this IEndpointRouteBuilder root)
    {
        var cpro = root.MapGroup("/cpro").RequireAuthorization(CproAuthenticationHandler.Policy).WithTags("API Chorus Pro")
            .AddEndpointFilter<CproErrorFilter>();
        DepositAndSearch.Map(cpro);
        ConsultAndProcess.Map(cpro);
        Submit.Map(cpro);
        FlowReports.Map(cpro);
        ReferenceData.Map(cpro);
        ReferenceLists.Map(cpro);
        StoredFiles.Map(cpro);
        ActiveStructures.Map(cpro);
        StructuresApi.Map(cpro);
        UserAttachments.Map(cpro);
        Recipients.Map(cpro);
        BankDetails.Map(cpro);
        PaymentRequests.Map(cpro);
        PaymentRequestTypes.Map(cpro);
        ValidatorCalls.Map(cpro);
        AttachmentLibrary.Map(cpro);
        RecipientDirectory.Map(cpro);
        Solicitations.Map(cpro);
    }
}
