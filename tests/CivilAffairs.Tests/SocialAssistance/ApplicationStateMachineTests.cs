using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Tests.SocialAssistance;

/// <summary>The electronic review's state machine: every step from its allowed state only, with who, when and the opinion.</summary>
public sealed class ApplicationStateMachineTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly Actor Caseworker = new("cw", "社区工作人员");
    private static readonly Actor Street = new("street", "街道审核人");
    private static readonly Actor District = new("approver", "区级审批人");

    private static AssistanceApplication New(Programme programme = Programme.Dibao)
    {
        var a = new AssistanceApplication(programme, AreaKind.Urban, 1, "420202070004", ApplicationChannel.Counter, "张三", "失业，无收入",
            [new ApplicationMember(1, "11010519491231002X", "张三", "户主", new DateOnly(1949, 12, 31), true, null, false, false, false)], Caseworker, Now)
        {
            AuthorizationId = 5, PayeeName = "张三", BankName = "工商银行", BankAccount = "6222020000000001",
        };
        return a;
    }

    private static AssistanceApplication ReadyForStreet()
    {
        var a = New();
        a.Accept(Caseworker, Now, Today, Today.AddDays(3), Today.AddDays(40), null);
        a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "家中无劳动力", "邻居证实无固定收入");
        a.AttachVerification(Caseworker, Now, 9, "HC20261102-AAAA", 30_000);
        a.SubmitToStreet(Caseworker, Now, "情况属实，建议纳入");
        return a;
    }

    [Fact]
    public void A_whole_case_goes_from_application_to_enrolment_with_every_step_on_the_timeline()
    {
        var a = ReadyForStreet();
        Assert.Equal(ApplicationStatus.StreetReview, a.Status);
        a.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意，进入公示", 7);
        Assert.Equal(ApplicationStatus.PublicNotice, a.Status);
        Assert.Equal(Today.AddDays(6), a.NoticeEnd);
        a.CloseNotice(Street, Now, Today.AddDays(7), false, Today.AddDays(21));
        Assert.Equal("District", a.ApprovalLevel);
        var amount = AllowanceCalculator.Dibao(new AssistancePolicy(), AreaKind.Urban, [new AllowanceMember("张三", 76, false, false, false)], 30_000);
        a.Approve(District, Now, Today.AddDays(8), "同意纳入", amount, 202612);
        Assert.Equal(ApplicationStatus.Enrolled, a.Status);
        Assert.Equal(53_000, a.MonthlyAmountFen); // 780 − 300 + 50 elderly
        Assert.Equal(
            [StepAction.Submitted, StepAction.Accepted, StepAction.HomeVisitRecorded, StepAction.VerificationAttached, StepAction.SubmittedToStreet,
             StepAction.StreetApproved, StepAction.NoticeClosed, StepAction.Approved],
            a.Steps.Select(s => s.Action));
        Assert.All(a.Steps, s => Assert.False(string.IsNullOrEmpty(s.UserName)));
        Assert.Equal("同意纳入", a.DecisionOpinion);
    }

    [Fact]
    public void An_invalid_transition_is_refused()
    {
        var a = New();
        var e = Assert.Throws<DomainException>(() => a.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意", 7));
        Assert.Contains("待受理", e.Message);
        Assert.Throws<DomainException>(() => a.Approve(District, Now, Today, "同意", AllowanceCalculator.Destitute(new AssistancePolicy(), 1), 202612));
        Assert.Throws<DomainException>(() => a.CloseNotice(Street, Now, Today, false, Today));
        var done = ReadyForStreet();
        done.ReviewAtStreet(Street, Now, Today, StreetDecision.Reject, "有机动车", 7);
        Assert.Equal(ApplicationStatus.Refused, done.Status);
        Assert.Throws<DomainException>(() => done.Withdraw(Caseworker, Now, "不再申请"));
    }

    [Fact]
    public void Intake_needs_the_authorisation_and_the_payee()
    {
        var a = New();
        a.AuthorizationId = null;
        Assert.Contains("授权", Assert.Throws<DomainException>(() => a.Accept(Caseworker, Now, Today, Today, Today, null)).Message);
        a.AuthorizationId = 1;
        a.BankAccount = null;
        Assert.Contains("银行账号", Assert.Throws<DomainException>(() => a.Accept(Caseworker, Now, Today, Today, Today, null)).Message);
    }

    [Fact]
    public void A_home_visit_needs_two_investigators_and_the_street_needs_a_visit_and_a_verification()
    {
        var a = New();
        a.Accept(Caseworker, Now, Today, Today, Today, null);
        Assert.Contains("两名", Assert.Throws<DomainException>(() => a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", " 李四 "], false, "情况", null)).Message);
        Assert.Contains("晚于今天", Assert.Throws<DomainException>(() => a.RecordHomeVisit(Caseworker, Now, Today, Today.AddDays(1), ["李四", "王五"], false, "情况", null)).Message);
        Assert.Contains("入户调查", Assert.Throws<DomainException>(() => a.SubmitToStreet(Caseworker, Now, "建议")).Message);
        a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "情况", null);
        Assert.Contains("核对报告", Assert.Throws<DomainException>(() => a.SubmitToStreet(Caseworker, Now, "建议")).Message);
    }

    [Fact]
    public void A_relative_of_staff_always_gets_a_district_home_visit()
    {
        var a = New();
        a.StaffRelative = true;
        a.Accept(Caseworker, Now, Today, Today, Today, null);
        a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "情况", null);
        a.AttachVerification(Caseworker, Now, 1, "HC1", 0);
        Assert.Contains("区级入户", Assert.Throws<DomainException>(() => a.SubmitToStreet(Caseworker, Now, "建议")).Message);
        a.RecordHomeVisit(District, Now, Today, Today, ["区甲", "区乙"], true, "区级核实", null);
        a.SubmitToStreet(Caseworker, Now, "建议");
        Assert.Equal(ApplicationStatus.StreetReview, a.Status);
    }

    [Fact]
    public void The_notice_lasts_at_least_seven_days_and_objections_must_be_handled()
    {
        var a = ReadyForStreet();
        Assert.Contains("不得少于 7 天", Assert.Throws<DomainException>(() => a.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意", 6)).Message);
        Assert.Contains("最长 30 天", Assert.Throws<DomainException>(() => a.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意", 3650)).Message);
        Assert.Equal(ApplicationStatus.StreetReview, a.Status);
        a.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意", 7);
        Assert.Contains("期满后", Assert.Throws<DomainException>(() => a.CloseNotice(Street, Now, Today.AddDays(6), false, Today)).Message);
        var objection = a.RaiseObjection(Caseworker, Now, Today.AddDays(2), "邻居", "其子有稳定工作");
        Assert.Contains("未处理的异议", Assert.Throws<DomainException>(() => a.CloseNotice(Street, Now, Today.AddDays(7), false, Today)).Message);
        // an upheld objection sends the case back to investigation: a new home visit before the street sees it again
        var later = Now.AddHours(1);
        a.ResolveObjection(Street, later, objection.Id, upheld: true, "重新入户调查");
        Assert.Equal(ApplicationStatus.Investigating, a.Status);
        Assert.Null(a.NoticeEnd);
        Assert.Contains("重新入户调查", Assert.Throws<DomainException>(() => a.SubmitToStreet(Caseworker, later, "复查后情况属实")).Message);
        a.RecordHomeVisit(Caseworker, later.AddHours(1), Today.AddDays(3), Today.AddDays(3), ["李四", "王五"], false, "复查：其子无稳定工作", null);
        a.SubmitToStreet(Caseworker, later.AddHours(1), "复查后情况属实");
        a.ReviewAtStreet(Street, Now, Today.AddDays(3), StreetDecision.Approve, "同意", 10);
        Assert.Equal(Today.AddDays(12), a.NoticeEnd);
        Assert.Contains("公示期已结束", Assert.Throws<DomainException>(() => a.RaiseObjection(Caseworker, Now, Today.AddDays(13), null, "异议")).Message);
        a.CloseNotice(Street, Now, Today.AddDays(13), delegatedToStreet: true, Today.AddDays(20));
        Assert.Equal("Street", a.ApprovalLevel);
    }

    [Fact]
    public void Returning_sends_the_case_back_to_the_community_and_every_decision_needs_an_opinion()
    {
        var a = ReadyForStreet();
        Assert.Contains("街道审核意见", Assert.Throws<DomainException>(() => a.ReviewAtStreet(Street, Now, Today, StreetDecision.Return, "  ", 7)).Message);
        a.ReviewAtStreet(Street, Now, Today, StreetDecision.Return, "补充子女收入证明", 7);
        Assert.Equal(ApplicationStatus.Investigating, a.Status);
        Assert.Equal("补充子女收入证明", a.Steps[^1].Opinion);
    }

    [Fact]
    public void Emergency_temporary_assistance_is_granted_first_and_its_paperwork_follows()
    {
        var a = New(Programme.Temporary);
        a.TemporaryKind = TemporaryKind.Emergency;
        Assert.Contains("上限", Assert.Throws<DomainException>(() => a.GrantEmergency(Street, Now, Today, "火灾，先行救助", 150_000, 100_000, 202612, Today.AddDays(14))).Message);
        Assert.Equal(ApplicationStatus.Submitted, a.Status);
        a.GrantEmergency(Street, Now, Today, "火灾，先行救助", 80_000, 100_000, 202612, Today.AddDays(14));
        Assert.Equal(ApplicationStatus.Enrolled, a.Status);
        Assert.True(a.PaperworkPending);
        Assert.Equal(80_000, a.MonthlyAmountFen);
        Assert.Contains("入户调查", Assert.Throws<DomainException>(() => a.CompletePaperwork(Caseworker, Now, Today, "已补齐")).Message);
        a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "房屋过火，情况属实", null);
        a.CompletePaperwork(Caseworker, Now, Today, "已补齐入户调查和材料");
        Assert.False(a.PaperworkPending);
        Assert.Equal([StepAction.Submitted, StepAction.EmergencyGranted, StepAction.HomeVisitRecorded, StepAction.PaperworkCompleted], a.Steps.Select(s => s.Action));
        // the expenditure kind and the other programmes are never granted this way
        var dibao = New();
        Assert.Contains("急难型", Assert.Throws<DomainException>(() => dibao.GrantEmergency(Street, Now, Today, "先行", 10_000, 100_000, 202612, Today)).Message);
    }

    [Fact]
    public void A_hardship_recognition_is_approved_without_an_amount_but_other_programmes_need_one()
    {
        var hardship = New(Programme.Hardship);
        hardship.Accept(Caseworker, Now, Today, Today, Today.AddDays(40), null);
        hardship.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "长期透析", null);
        hardship.AttachVerification(Caseworker, Now, 1, "HC1", 150_000);
        hardship.SubmitToStreet(Caseworker, Now, "建议认定");
        hardship.ReviewAtStreet(Street, Now, Today, StreetDecision.Approve, "同意", 7);
        hardship.CloseNotice(Street, Now, Today.AddDays(8), false, Today.AddDays(20));
        hardship.Approve(District, Now, Today.AddDays(9), "认定", AllowanceCalculator.Hardship(new AssistancePolicy(), AreaKind.Urban, 1, 150_000, 80_000), 202612);
        Assert.Equal(ApplicationStatus.Enrolled, hardship.Status);
        Assert.Contains("12 个月", hardship.Steps[^1].Opinion);
        var c = new AssistanceCase(Programme.Hardship, AreaKind.Urban, 1, "420202070004", 1, 0, 202612, "张三", null, null, Today, [], Now);
        c.Recognised(12, "认定");
        Assert.Equal(202711, c.EndMonth);
        Assert.False(c.IsPayableIn(202612)); // a recognition is never paid
    }

    [Theory]
    [InlineData(true, true, true, true, true, true, SelfCareLevel.SelfCare)]
    [InlineData(false, true, false, true, false, true, SelfCareLevel.PartlyLost)]
    [InlineData(false, false, false, false, true, true, SelfCareLevel.FullyLost)]
    public void The_self_care_assessment_counts_the_activities_that_are_impossible(bool eat, bool dress, bool transfer, bool toilet, bool walk, bool bathe, SelfCareLevel level) =>
        Assert.Equal(level, new SelfCareAssessment(eat, dress, transfer, toilet, walk, bathe).Level);

    [Fact]
    public void Destitute_support_needs_the_self_care_assessment_before_the_street()
    {
        var a = New(Programme.Destitute);
        a.Accept(Caseworker, Now, Today, Today, Today, null);
        a.RecordHomeVisit(Caseworker, Now, Today, Today, ["李四", "王五"], false, "情况", null);
        a.AttachVerification(Caseworker, Now, 1, "HC1", 0);
        Assert.Contains("自理能力", Assert.Throws<DomainException>(() => a.SubmitToStreet(Caseworker, Now, "建议")).Message);
        a.AssessSelfCare(Caseworker, Now, new SelfCareAssessment(true, true, true, true, true, false));
        Assert.Equal(StepAction.SelfCareAssessed, a.Steps[^1].Action);
        Assert.Contains("部分不能自理", a.Steps[^1].Opinion);
        a.SubmitToStreet(Caseworker, Now, "建议");
    }
}

/// <summary>Every step tried from every state: exactly the allowed ones pass, the rest are refused and change nothing.</summary>
public sealed class ApplicationTransitionTableTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly Actor Who = new("someone", "角色");

    /// <summary>An application brought to the given state through the allowed steps.</summary>
    private static AssistanceApplication At(ApplicationStatus status)
    {
        var a = new AssistanceApplication(Programme.Dibao, AreaKind.Urban, 1, "420202070004", ApplicationChannel.Counter, "张三", "困难",
            [new ApplicationMember(1, "11010519491231002X", "张三", "户主", new DateOnly(1949, 12, 31), true, null, false, false, false)], Who, Now)
        { AuthorizationId = 1, PayeeName = "张三", BankAccount = "622202000000000001" };
        if (status == ApplicationStatus.Submitted) return a;
        if (status == ApplicationStatus.NotAccepted) { a.NotAccept(Who, Now, "材料不全"); return a; }
        if (status == ApplicationStatus.Withdrawn) { a.Withdraw(Who, Now, "撤回"); return a; }
        a.Accept(Who, Now, Today, Today, Today.AddDays(40), null);
        if (status == ApplicationStatus.Investigating) return a;
        a.RecordHomeVisit(Who, Now, Today, Today, ["甲", "乙"], false, "情况", null);
        a.AttachVerification(Who, Now, 1, "HC1", 10_000);
        a.SubmitToStreet(Who, Now, "建议");
        if (status == ApplicationStatus.StreetReview) return a;
        if (status == ApplicationStatus.Refused) { a.ReviewAtStreet(Who, Now, Today, StreetDecision.Reject, "不符合", 7); return a; }
        a.ReviewAtStreet(Who, Now, Today, StreetDecision.Approve, "同意", 7);
        if (status == ApplicationStatus.PublicNotice) return a;
        a.CloseNotice(Who, Now, Today.AddDays(8), false, Today.AddDays(20));
        if (status == ApplicationStatus.Approval) return a;
        a.Approve(Who, Now, Today.AddDays(9), "同意", AllowanceCalculator.Destitute(new AssistancePolicy(), 1), 202612);
        return a;
    }

    private static readonly (string Step, ApplicationStatus[] From, Action<AssistanceApplication> Act)[] Steps =
    [
        ("accept", [ApplicationStatus.Submitted], a => a.Accept(Who, Now, Today, Today, Today, null)),
        ("not-accept", [ApplicationStatus.Submitted], a => a.NotAccept(Who, Now, "不全")),
        ("visit", [ApplicationStatus.Investigating], a => a.RecordHomeVisit(Who, Now, Today, Today, ["甲", "乙"], false, "情况", null)),
        ("verification", [ApplicationStatus.Investigating], a => a.AttachVerification(Who, Now, 2, "HC2", 0)),
        ("street-review", [ApplicationStatus.StreetReview], a => a.ReviewAtStreet(Who, Now, Today, StreetDecision.Return, "补充", 7)),
        ("objection", [ApplicationStatus.PublicNotice], a => a.RaiseObjection(Who, Now, Today, null, "异议")),
        ("close-notice", [ApplicationStatus.PublicNotice], a => a.CloseNotice(Who, Now, Today.AddDays(8), false, Today.AddDays(20))),
        ("approve", [ApplicationStatus.Approval], a => a.Approve(Who, Now, Today, "同意", AllowanceCalculator.Destitute(new AssistancePolicy(), 1), 202612)),
        ("refuse", [ApplicationStatus.Approval], a => a.Refuse(Who, Now, Today, "理由", Today.AddDays(3))),
        ("refusal-notified", [ApplicationStatus.Refused], a => a.RefusalDelivered(Who, Now, Today, Today, "当面")),
        ("withdraw", [ApplicationStatus.Submitted, ApplicationStatus.Investigating, ApplicationStatus.StreetReview, ApplicationStatus.PublicNotice, ApplicationStatus.Approval],
            a => a.Withdraw(Who, Now, "撤回")),
    ];

    public static TheoryData<string, ApplicationStatus> Cases()
    {
        var data = new TheoryData<string, ApplicationStatus>();
        foreach (var (step, _, _) in Steps)
            foreach (var status in Enum.GetValues<ApplicationStatus>()) data.Add(step, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_step_passes_only_from_its_states(string step, ApplicationStatus status)
    {
        var (_, from, act) = Steps.Single(s => s.Step == step);
        var a = At(status);
        var steps = a.Steps.Count;
        if (from.Contains(status))
        {
            act(a);
            Assert.True(a.Steps.Count > steps, $"{step} from {status} left no step on the timeline");
        }
        else
        {
            Assert.Throws<DomainException>(() => act(a));
            Assert.Equal(status, a.Status);
            Assert.Equal(steps, a.Steps.Count);
        }
    }
}
