import {
  candidateStream,
  companyStream,
  domainRegistry,
  fundStream,
  MUNICIPALITIES,
  personStream,
  projectStream,
  Residence,
  streamKindOf,
} from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";

describe("territory", () => {
  it("lists the 55 comuni of the Città metropolitana di Bologna with unique ISTAT codes", () => {
    expect(MUNICIPALITIES).toHaveLength(55);
    expect(new Set(MUNICIPALITIES.map((m) => m.istat)).size).toBe(55);
    expect(MUNICIPALITIES.every((m) => /^037\d{3}$/.test(m.istat))).toBe(true);
  });

  it("groups them in the unions of the metro area", () => {
    const count = (union: string | null) => MUNICIPALITIES.filter((m) => m.union === union).length;
    expect(count("reno_galliera")).toBe(8);
    expect(count("terre_di_pianura")).toBe(6);
    expect(count("terre_d_acqua")).toBe(6);
    expect(count("valli_reno_lavino_samoggia")).toBe(5);
    expect(count("appennino_bolognese")).toBe(11);
    expect(count("savena_idice")).toBe(5);
    expect(count("nuovo_circondario_imolese")).toBe(10);
    expect(
      MUNICIPALITIES.filter((m) => m.union === null)
        .map((m) => m.name)
        .sort(),
    ).toEqual(["Alto Reno Terme", "Bologna", "Molinella", "San Lazzaro di Savena"]);
  });

  it("requires a quartiere exactly for Bologna residents", () => {
    expect(Residence.safeParse({ municipalityIstat: "037006", quartiere: "navile" }).success).toBe(true);
    expect(Residence.safeParse({ municipalityIstat: "037006", quartiere: null }).success).toBe(false);
    expect(Residence.safeParse({ municipalityIstat: "037032", quartiere: "navile" }).success).toBe(false);
    expect(Residence.safeParse({ municipalityIstat: "037032", quartiere: null }).success).toBe(true);
  });
});

describe("event catalogue", () => {
  it("registers every event type once", () => {
    expect(domainRegistry.types()).toContain("CandidateApplied");
    expect(domainRegistry.types()).toContain("FundCommitted");
    expect(new Set(domainRegistry.types()).size).toBe(domainRegistry.types().length);
  });

  it("encodes and decodes an event, rejecting invalid data", () => {
    const event = {
      type: "CompanyLeftBoard" as const,
      data: { companyId: "c1", reason: "withdrew" as const },
    };
    const encoded = domainRegistry.encode(event);
    expect(E.isRight(encoded)).toBe(true);
    if (E.isRight(encoded)) expect(domainRegistry.decode(encoded.right)).toEqual(E.right(event));
    expect(
      E.isLeft(domainRegistry.decode({ type: "CompanyLeftBoard", version: 1, data: { companyId: "c1" } })),
    ).toBe(true);
  });

  it("names streams by kind", () => {
    expect(candidateStream("a")).toBe("candidate-a");
    expect(companyStream("b")).toBe("company-b");
    expect(projectStream("c")).toBe("project-c");
    expect(fundStream(2018)).toBe("fund-2018");
    expect(personStream("ab")).toBe("person-ab");
    expect(streamKindOf("fund-2018")).toBe("fund");
    expect(streamKindOf("other-1")).toBeNull();
  });
});
