using Portique.Approvals;
using Portique.Common;
using Portique.Organisation;

namespace Portique.Tests.Approvals;

public sealed class ApprovalRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const long Structure = 10, Requester = 20, Manager = 30;

    private static ApprovalRequest Attachment(params long[] services) => ApprovalRequest.ForAttachment(Structure, Requester, services, "merci", Now);

    [Fact]
    public void Approving_a_first_attachment_creates_an_active_membership_on_the_services_asked()
    {
        var request = Attachment(5, 3, 5);

        var membership = request.Approve(Manager, null, Now.AddHours(1));

        Assert.Equal(ApprovalState.Approved, request.State);
        Assert.Equal(Manager, request.DecidedById);
        Assert.Equal(Now.AddHours(1), request.DecidedAt);
        Assert.Equal(1, request.Version);
        Assert.True(membership.IsActive);
        Assert.Equal(MemberRole.User, membership.Role);
        Assert.Equal([3L, 5L], membership.ServiceIds);
        Assert.Empty(membership.Habilitations);
    }

    [Fact]
    public void Approving_the_attachment_of_a_detached_user_reattaches_him_and_of_an_active_member_is_refused()
    {
        var detached = Membership.Attach(Structure, Requester, MemberRole.User, Now.AddYears(-1));
        detached.Detach(Now.AddMonths(-1));
        Assert.Same(detached, Attachment().Approve(Manager, detached, Now));
        Assert.True(detached.IsActive);

        var request = Attachment();
        var error = Assert.Throws<PortiqueException>(() => request.Approve(Manager, detached, Now));
        Assert.Equal("ALREADY_ATTACHED", error.Code);
        Assert.Equal(ApprovalState.Pending, request.State);
    }

    [Fact]
    public void Approving_a_habilitation_grants_it_and_needs_an_active_membership()
    {
        var membership = Membership.Attach(Structure, Requester, MemberRole.User, Now);
        var request = ApprovalRequest.ForHabilitation(Structure, Requester, PortalApplication.FacturesRecues, HabilitationProfile.Modification, 7, null, Now);

        request.Approve(Manager, membership, Now);

        Assert.True(membership.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Modification, 7));
        Assert.False(membership.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation, 8));
        var orphan = ApprovalRequest.ForHabilitation(Structure, Requester, PortalApplication.Organisation, HabilitationProfile.Consultation, null, null, Now);
        Assert.Equal("REQUESTER_NOT_ATTACHED", Assert.Throws<PortiqueException>(() => orphan.Approve(Manager, null, Now)).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t")]
    public void Refusal_requires_a_reason_and_changes_nothing_without_one(string? reason)
    {
        var request = Attachment();

        var error = Assert.Throws<PortiqueException>(() => request.Refuse(Manager, reason, Now));

        Assert.Equal("APPROVAL_REASON_REQUIRED", error.Code);
        Assert.Equal(400, error.Status);
        Assert.Equal(ApprovalState.Pending, request.State);
        Assert.Null(request.DecidedById);
        Assert.Equal(0, request.Version);
    }

    [Fact]
    public void A_decided_request_cannot_be_decided_again()
    {
        var refused = Attachment();
        refused.Refuse(Manager, "  inconnu  ", Now);
        Assert.Equal("inconnu", refused.RefusalReason);

        Assert.Equal("APPROVAL_ALREADY_DECIDED", Assert.Throws<PortiqueException>(() => refused.Approve(Manager, null, Now)).Code);
        var again = Assert.Throws<PortiqueException>(() => refused.Refuse(Manager, "encore", Now));
        Assert.Equal(409, again.Status);
        Assert.Equal("inconnu", refused.RefusalReason);
        Assert.Equal(1, refused.Version);
    }

    [Fact]
    public void Nobody_decides_his_own_request()
    {
        Assert.Equal("APPROVAL_OWN_REQUEST", Assert.Throws<PortiqueException>(() => Attachment().Approve(Requester, null, Now)).Code);
        Assert.Equal("APPROVAL_OWN_REQUEST", Assert.Throws<PortiqueException>(() => Attachment().Refuse(Requester, "non", Now)).Code);
    }

    [Fact]
    public void Comments_are_bounded_and_unknown_applications_refused()
    {
        Assert.Equal("FIELD_TOO_LONG", Assert.Throws<PortiqueException>(() => ApprovalRequest.ForAttachment(1, 2, [], new string('x', 1001), Now)).Code);
        Assert.Equal("HABILITATION_INVALID", Assert.Throws<PortiqueException>(() =>
            ApprovalRequest.ForHabilitation(1, 2, (PortalApplication)99, HabilitationProfile.Consultation, null, null, Now)).Code);
        Assert.Equal("Demande d'habilitation Factures reçues (Modification)",
            ApprovalRequest.Describe(ApprovalKind.Habilitation, PortalApplication.FacturesRecues, HabilitationProfile.Modification));
    }
}
