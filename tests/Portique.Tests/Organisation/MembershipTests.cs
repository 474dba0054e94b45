using Portique.Common;
using Portique.Organisation;

namespace Portique.Tests.Organisation;

public sealed class MembershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const long StructureId = 10;

    private static Membership Principal(long userId = 1) => Membership.Attach(StructureId, userId, MemberRole.PrincipalManager, Now);
    private static Membership User(long userId = 2, long structureId = StructureId) => Membership.Attach(structureId, userId, MemberRole.User, Now);

    private static void Refused(string code, Action action) => Assert.Equal(code, Assert.Throws<PortiqueException>(action).Code);

    [Fact]
    public void Habilitations_store_their_enumerations_by_number_and_the_numbers_never_change()
    {
        // The habilitations table holds these numbers (decision 0016): renumbering a member would silently change rights.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], Enum.GetValues<PortalApplication>().Select(a => (int)a));
        Assert.Equal(["FacturesEmises", "FacturesRecues", "FacturesTravaux", "FacturesAValider", "MemoiresJustice", "RemboursementTaxes", "Organisation", "Raccordements"],
            Enum.GetNames<PortalApplication>());
        Assert.Equal(1, (int)HabilitationProfile.Consultation);
        Assert.Equal(2, (int)HabilitationProfile.Modification);
    }

    [Fact]
    public void Principal_holds_every_right_and_a_user_only_what_was_granted()
    {
        var user = User();
        user.Grant(PortalApplication.FacturesRecues, HabilitationProfile.Consultation, null);

        foreach (var application in Enum.GetValues<PortalApplication>())
            Assert.True(Principal().Allows(application, HabilitationProfile.Modification));
        Assert.True(user.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation));
        Assert.False(user.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Modification));
        Assert.False(user.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation));
        Assert.False(user.CanManage);
    }

    [Fact]
    public void Granting_again_sets_the_profile_asked_for_on_the_same_scope()
    {
        var user = User();
        user.Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
        Assert.True(user.CanManage);

        user.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);

        Assert.Single(user.Habilitations);
        Assert.False(user.CanManage);
        Assert.True(user.Allows(PortalApplication.Organisation, HabilitationProfile.Consultation));
    }

    [Fact]
    public void A_service_habilitation_grants_on_that_service_only()
    {
        var user = User();
        user.Grant(PortalApplication.FacturesAValider, HabilitationProfile.Modification, 7);
        user.Grant(PortalApplication.FacturesAValider, HabilitationProfile.Consultation, null);

        Assert.Equal(2, user.Habilitations.Count);
        Assert.True(user.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Modification, 7));
        Assert.False(user.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Modification, 8));
        Assert.False(user.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Modification));
        Assert.True(user.Allows(PortalApplication.FacturesAValider, HabilitationProfile.Consultation, 8));
    }

    [Fact]
    public void Withdraw_removes_the_habilitation_of_that_scope_and_refuses_a_missing_one()
    {
        var user = User();
        user.Grant(PortalApplication.FacturesEmises, HabilitationProfile.Modification, null);
        user.Grant(PortalApplication.FacturesEmises, HabilitationProfile.Modification, 3);

        user.Withdraw(PortalApplication.FacturesEmises, 3);

        Assert.True(user.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Modification));
        Refused("HABILITATION_NOT_FOUND", () => user.Withdraw(PortalApplication.FacturesEmises, 3));
        Refused("HABILITATION_NOT_FOUND", () => user.Withdraw(PortalApplication.Raccordements, null));
    }

    [Fact]
    public void Undefined_application_or_profile_is_refused()
    {
        var user = User();
        Refused("HABILITATION_INVALID", () => user.Grant((PortalApplication)99, HabilitationProfile.Consultation, null));
        Refused("HABILITATION_INVALID", () => user.Grant(PortalApplication.Organisation, (HabilitationProfile)0, null));
        Assert.Empty(user.Habilitations);
    }

    [Fact]
    public void Copy_replaces_the_target_list_and_leaves_the_source_intact()
    {
        var source = User(2);
        source.Grant(PortalApplication.FacturesTravaux, HabilitationProfile.Modification, 5);
        source.Grant(PortalApplication.Organisation, HabilitationProfile.Consultation, null);
        var target = User(3);
        target.Grant(PortalApplication.RemboursementTaxes, HabilitationProfile.Modification, null);

        target.CopyHabilitationsFrom(source);

        Assert.Equal(2, source.Habilitations.Count);
        Assert.Equal(
            source.Habilitations.Select(h => (h.Application, h.Profile, h.ServiceId)),
            target.Habilitations.Select(h => (h.Application, h.Profile, h.ServiceId)));
        Assert.DoesNotContain(target.Habilitations, h => source.Habilitations.Contains(h));
        Assert.False(target.Allows(PortalApplication.RemboursementTaxes, HabilitationProfile.Consultation));
    }

    [Fact]
    public void Copy_is_refused_onto_oneself_from_the_principal_from_another_structure_or_a_detached_user()
    {
        var user = User(2);
        user.Grant(PortalApplication.FacturesEmises, HabilitationProfile.Modification, null);
        var detached = User(4);
        detached.Detach(Now);

        Refused("HABILITATION_COPY_SAME_USER", () => user.CopyHabilitationsFrom(user));
        Refused("HABILITATION_COPY_FROM_PRINCIPAL", () => user.CopyHabilitationsFrom(Principal()));
        Refused("HABILITATION_COPY_OTHER_STRUCTURE", () => user.CopyHabilitationsFrom(User(3, structureId: 99)));
        Refused("HABILITATION_COPY_SOURCE_INACTIVE", () => user.CopyHabilitationsFrom(detached));
        Refused("MEMBERSHIP_INACTIVE", () => detached.CopyHabilitationsFrom(user));
        Assert.Single(user.Habilitations);
    }

    [Fact]
    public void Detach_drops_rights_and_services_and_a_detached_member_can_be_changed_no_more()
    {
        var user = User();
        user.Grant(PortalApplication.FacturesRecues, HabilitationProfile.Modification, null);
        user.AssignServices([4, 3, 4]);
        Assert.Equal([3, 4], user.ServiceIds);

        user.Detach(Now.AddDays(1));

        Assert.False(user.IsActive);
        Assert.Equal(Now.AddDays(1), user.DetachedAt);
        Assert.Empty(user.Habilitations);
        Assert.Empty(user.ServiceIds);
        Assert.False(user.Allows(PortalApplication.FacturesRecues, HabilitationProfile.Consultation));
        Refused("MEMBERSHIP_INACTIVE", () => user.Grant(PortalApplication.FacturesRecues, HabilitationProfile.Consultation, null));
        Refused("MEMBERSHIP_INACTIVE", () => user.Detach(Now));
        Refused("MEMBERSHIP_INACTIVE", () => user.AssignServices([1]));
    }

    [Fact]
    public void The_principal_cannot_be_detached()
    {
        var principal = Principal();
        Refused("PRINCIPAL_MANAGER_REQUIRED", () => principal.Detach(Now));
        Assert.True(principal.IsPrincipal);
    }

    [Fact]
    public void Reattach_restarts_a_detached_member_as_a_simple_user_without_rights()
    {
        var user = User();
        user.Detach(Now);
        Refused("ALREADY_ATTACHED", () => User().Reattach(Now));

        user.Reattach(Now.AddDays(2));

        Assert.True(user.IsActive);
        Assert.Null(user.DetachedAt);
        Assert.Equal(Now.AddDays(2), user.AttachedAt);
        Assert.Equal(MemberRole.User, user.Role);
    }

    [Fact]
    public void Transfer_makes_the_successor_principal_and_keeps_the_former_as_an_organisation_manager()
    {
        var principal = Principal();
        principal.Grant(PortalApplication.FacturesEmises, HabilitationProfile.Consultation, null);
        var successor = User();

        principal.TransferPrincipalRoleTo(successor, successorAccountActive: true);

        Assert.True(successor.IsPrincipal);
        Assert.Equal(MemberRole.User, principal.Role);
        Assert.True(principal.CanManage);
        Assert.True(principal.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Consultation));
        Assert.False(principal.Allows(PortalApplication.FacturesEmises, HabilitationProfile.Modification));
    }

    [Fact]
    public void Transfer_is_refused_by_a_non_principal_and_to_a_detached_inactive_foreign_or_principal_member()
    {
        var principal = Principal();
        var manager = User(2);
        manager.Grant(PortalApplication.Organisation, HabilitationProfile.Modification, null);
        var detached = User(3);
        detached.Detach(Now);

        Refused("NOT_PRINCIPAL_MANAGER", () => manager.TransferPrincipalRoleTo(User(4), true));
        Refused("NOT_PRINCIPAL_MANAGER", () => manager.TransferPrincipalRoleTo(manager, true));
        Refused("TRANSFER_TARGET_NOT_ATTACHED", () => principal.TransferPrincipalRoleTo(detached, true));
        Refused("TRANSFER_TARGET_NOT_ATTACHED", () => principal.TransferPrincipalRoleTo(User(5, structureId: 99), true));
        Refused("TRANSFER_TARGET_INACTIVE", () => principal.TransferPrincipalRoleTo(manager, false));
        Refused("TRANSFER_TARGET_ALREADY_PRINCIPAL", () => principal.TransferPrincipalRoleTo(principal, true));

        Assert.True(principal.IsPrincipal);
        Assert.Equal(MemberRole.User, manager.Role);
        Assert.Equal(MemberRole.User, detached.Role);
    }

    [Fact]
    public void An_operator_replaces_a_departed_principal_but_not_one_still_in_place()
    {
        var principal = Principal();
        var successor = User();

        Refused("PRINCIPAL_MANAGER_PRESENT", () => Membership.ReplaceDepartedPrincipal(principal, true, successor, true, Now));
        Refused("TRANSFER_TARGET_INACTIVE", () => Membership.ReplaceDepartedPrincipal(principal, false, successor, false, Now));
        Refused("TRANSFER_TARGET_INACTIVE", () => Membership.ReplaceDepartedPrincipal(principal, false, principal, false, Now));
        Assert.True(principal.IsPrincipal);
        Assert.Equal(MemberRole.User, successor.Role);

        Membership.ReplaceDepartedPrincipal(principal, false, successor, true, Now);

        Assert.True(successor.IsPrincipal);
        Assert.False(principal.IsActive);
        Assert.Equal(MemberRole.User, principal.Role);
    }

    [Fact]
    public void An_operator_may_appoint_a_principal_where_none_is_left()
    {
        var successor = User();
        Membership.ReplaceDepartedPrincipal(null, false, successor, true, Now);
        Assert.True(successor.IsPrincipal);
    }
}
