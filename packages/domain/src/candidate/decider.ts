import type { Decider } from "@insieme/kernel";
import { type CorrectCommand, correctable } from "../corrections/correctable.js";
import type { CandidateEvent } from "../events/registry.js";
import { decideEndContract, decideFollowUp, decideWithdraw } from "./after-placement.js";
import { decideApply } from "./application.js";
import { decideCloseCase, decideLinkProject, decideRecordNote, decideReopen } from "./case.js";
import type { CandidateCommand } from "./commands.js";
import { evolveCandidate } from "./evolve.js";
import { decideEndActivity, decideFirstInterview, decideStartActivity } from "./interview.js";
import {
  decideEndInternship,
  decideHire,
  decidePropose,
  decideRefuseOffer,
  decideStartInternship,
} from "./placement.js";
import { decideCrossCheck, decideScreen } from "./screening.js";
import { type CandidateState, initialCandidateState } from "./state.js";
import { candidateStepCheck } from "./step-check.js";

/** The candidate's path, one stream per candidate (`candidate-<id>`). */
const pathDecider: Decider<CandidateCommand, CandidateState, CandidateEvent> = {
  initialState: initialCandidateState,
  evolve: evolveCandidate,
  decide: (command, state) => {
    switch (command.kind) {
      case "Apply":
        return decideApply(command, state);
      case "Screen":
        return decideScreen(command, state);
      case "CrossCheckSocialServices":
        return decideCrossCheck(command, state);
      case "HoldFirstInterview":
        return decideFirstInterview(command, state);
      case "StartEmpowermentActivity":
        return decideStartActivity(command, state);
      case "EndEmpowermentActivity":
        return decideEndActivity(command, state);
      case "ProposePlacement":
        return decidePropose(command, state);
      case "RefuseOffer":
        return decideRefuseOffer(command, state);
      case "StartInternship":
        return decideStartInternship(command, state);
      case "EndInternship":
        return decideEndInternship(command, state);
      case "Hire":
        return decideHire(command, state);
      case "LinkProject":
        return decideLinkProject(command, state);
      case "RecordNote":
        return decideRecordNote(command, state);
      case "CloseCase":
        return decideCloseCase(command, state);
      case "Reopen":
        return decideReopen(command, state);
      case "Withdraw":
        return decideWithdraw(command, state);
      case "EndContract":
        return decideEndContract(command, state);
      case "RecordFollowUp":
        return decideFollowUp(command, state);
    }
  },
};

/** The candidate's path, with corrections of its recorded facts (`CorrectFact`). */
export const candidateDecider: Decider<CandidateCommand | CorrectCommand, CandidateState, CandidateEvent> =
  correctable(pathDecider, candidateStepCheck);
