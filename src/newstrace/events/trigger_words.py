"""Word classes that type a trigger from the words around it (the cue lexicon of
``newstrace.events.taxonomy``).

Each class is a space-separated list of word forms, every inflection written out; in a form
"_" joins words and "~" joins them optionally ("air~strike": "airstrike", "air strike",
"air-strike"). Hyphens split words as the tokenizer does. A word may sit in several classes
("village" is a civilian target and a place that can be taken). Written from general
knowledge of news language and the ACLED codebook's definitions, not from any evaluation set.
"""

from __future__ import annotations

# Cue classes looked for around a trigger (its sentence, or the whole snippet).
CUES: dict[str, str] = {
    "air": ("drone drones uav uavs warplane warplanes war~plane war~planes jets jet "
                "fighter~jet fighter~jets aircraft air~force air~forces air~strike air~strikes "
                "air~raid air~raids aerial helicopter helicopters gunship gunships bombers "
                "airstrike airstrikes air-launched sorties sortie coalition~aircraft "
                "bombing~raid bombing~raids"),
    "art": ("artillery shelling shelled shells mortar mortars rocket rockets missile "
                "missiles howitzer howitzers barrage grad katyusha katyushas cannon "
                "projectile projectiles rocket-propelled ballistic cruise~missile "
                "tank~fire mlrs fired~shells"),
    "ied": ("ied ieds improvised~explosive roadside~bomb roadside~bombs landmine landmines "
                "land~mine land~mines car~bomb car~bombs booby~trap booby~trapped "
                "booby~traps explosive~device explosive~devices planted remote-controlled "
                "remote~controlled magnetic~bomb sticky~bomb motorcycle~bomb vbied "
                "explosive-laden explosives-laden unexploded mine~blast roadside "
                "bomb~exploded bomb~went~off bomb~blast bomb~attack bicycle~bomb"),
    "suicide": ("suicide suicide~bomber suicide~bombers explosive~vest explosives~vest "
                    "explosive~belt suicide~vest blew~himself~up blew~herself~up "
                    "blew~themselves~up"),
    "grenade": ("grenade grenades hand~grenade"),
    "chem": ("chemical~weapon chemical~weapons chemical~attack chemical~attacks "
                 "chemical~agent chemical~agents chemical~munitions chlorine sarin "
                 "mustard~gas nerve~agent nerve~agents toxic~gas poison~gas poisonous~gas "
                 "gas~attack novichok vx toxic~chemicals"),
    "protest": ("protest protests protested protesting protester protesters protestor "
                    "protestors demonstration demonstrations demonstrators demonstrator "
                    "rally rallies marchers sit-in sit-ins picket picketed picketing "
                    "took~to~the~streets strikers agitation agitators"),
    "interv": ("tear~gas teargas tear-gassed water~cannon water~cannons dispersed "
                   "disperse dispersing rubber~bullets rubber~bullet baton batons baton~charge "
                   "baton-charged lathi lathicharge lathi-charge pepper~spray stun~grenades "
                   "stun~grenade broke~up broken~up cracked~down crackdown arrested detained "
                   "suppressed suppress suppressing chased chase pepper-sprayed "
                   "pepper~sprayed"),
    "lethal": ("killed killing shot~dead shot died dead deaths death live~ammunition "
                   "live~rounds live~fire opened~fire fired~on fired~at death~toll fatally "
                   "gunfire bullets massacre"),
    "harm": ("brutally beaten beat beating wounded injured injuring violently hurt"),
    "excess": ("live~ammunition live~rounds live~fire opened~fire fired~on fired~at "
               "shot~dead excessive~force violently~suppressed violently~dispersed "
               "brutally brutal~crackdown fatally shot~and~killed gunfire"),
    "diplo": ("sanctions sanction expelled expel expels expelling expulsion diplomats "
              "diplomat consulate embassy ambassador condemned condemns condemnation "
              "test tests tested testing test-fired test-launched"),
    "claim": ("claimed~responsibility claims~responsibility claim~responsibility "
              "took~credit takes~credit claimed~credit denied~responsibility"),
    "found": ("found discovered uncovered recovered stash stashes cache caches hideout "
              "depot seized confiscated defused dismantled unearthed"),
    "boom": ("exploded explosion blast explosions blasts went~off detonated killed "
             "killing wounded injured"),
    "security": ("police policemen policeman officers security~forces troops soldiers army "
                     "riot~police gendarmes gendarmerie military paramilitary forces "
                     "security~personnel cops law~enforcement"),
    "violent": ("riot riots rioting rioters stones stone stone-pelting pelted pelting "
                    "hurled threw throwing molotov petrol~bombs petrol~bomb torched "
                    "set~fire set~ablaze vandalized vandalised vandalism smashed violent "
                    "violence burned~tyres burnt~tyres burning~tyres clashed clashes "
                    "bottles clash clashing rampage thrown throws throw projectiles "
                    "scuffles scuffle scuffled aggressive pulled~down pull~down barricades "
                    "barricaded vandals"),
    "mob": ("mob mobs lynched lynching lynch vigilante vigilantes angry~crowd irate "
                "mob~justice angry~residents angry~villagers"),
    "civ": ("civilian civilians villagers residents worshippers worshipers farmers "
                "passengers women children students family families shoppers pilgrims "
                "villager resident man woman boy girl teacher teachers journalist "
                "journalists aid~workers workers tourists herders people locals mosque "
                "church market school hospital village home house homes houses"),
    "mil": ("soldiers troops army military~base military~post military~convoy "
                "military~positions positions position checkpoint checkpoints army~base "
                "base bases outpost outposts convoy police~station police~post "
                "police~officers policemen barracks security~forces army~patrol patrol "
                "militants rebels insurgents fighters forces"),
    "gov": ("army troops government~forces military soldiers security~forces "
                "regime~forces regime loyalist loyalists pro-government pro-regime "
                "syrian~arab~army saa forces~loyal national~army government~troops "
                "armed~forces fardc tatmadaw peshmerga government defence~forces "
                "defense~forces police iraqi~forces afghan~forces troopers allied~forces "
                "popular~forces pro-government~fighters"),
    "nonstate": ("militants militant rebels rebel insurgents insurgent jihadists "
                     "jihadist islamic~state isis isil daesh al-shabaab al~shabaab "
                     "shabaab al-qaeda al~qaeda qaeda taliban boko~haram houthi houthis "
                     "fighters gunmen militia militias militiamen separatists separatist "
                     "guerrillas guerrilla opposition~forces opposition sdf ypg pkk hts "
                     "extremists terrorists terrorist armed~group armed~groups bandits "
                     "insurgency mujahideen"),
    "labour": ("workers employees union unions teachers doctors nurses staff drivers "
                   "general~strike went~on~strike on~strike strikers walkout walk-out pay "
                   "wages wage salary salaries labour labor transporters traders "
                   "pensions pension employers bandh shutdown hartal"),
    "accident": ("gas~cylinder gas~leak gas~explosion boiler factory plant refinery "
                     "pipeline tanker fireworks warehouse short~circuit accident "
                     "accidentally industrial coal~mine chemical~plant caught~fire fuel "
                     "oil~tank gas~tank gas~station cylinder firefighters fire~brigade "
                     "firefighting fire~crews mine~collapse blaze spill spilt spilled leak "
                     "leaked leakage leaking crash crashed crashes derailed collision "
                     "capsized propane poisoning contaminated container storage garage "
                     "solvents"),
    "sport": ("match goal goals striker midfielder league season coach team scored "
                  "tournament cup championship playoff defender innings wicket"),
    "rhetoric": ("policy policies plan critics remarks speech comments statement "
                     "verbally verbal twitter criticism proposal bill decision rhetoric "
                     "opinion views debate parliament editorial argument words"),
    "wseize": ("weapons weapon arms ammunition ammo explosives rifles guns grenades "
                   "rockets cache caches arsenal ieds bombs mortar~rounds firearms "
                   "detonators pistols pistol bullets revolvers revolver rifle cartridges "
                   "rounds projectiles machine~guns mortars munitions explosive~devices "
                   "explosive~device ordnance packages package device devices"),
    "crime": ("drugs drug cocaine heroin narcotics smuggling smuggled smugglers smuggle "
                  "trafficking traffickers trafficked contraband cannabis marijuana "
                  "methamphetamine robbery robberies robbers robbed gang gangs cartel "
                  "cartels fraud counterfeit bribe bribery poaching poachers theft thefts "
                  "stolen burglary thieves criminal criminals extortion kidnap-for-ransom "
                  "trafficker crime crimes scam pornography pornographic thugs hacker "
                  "hackers hacking cybercrime migrants"),
    "terrplace": ("town towns village villages city cities district districts area areas "
                      "territory territories hill hills region province neighbourhood "
                      "neighborhood airport crossing strategic capital locality settlement "
                      "control base bases positions outskirts county municipality oilfield "
                      "dam bridge highway road"),
    "people": ("militant militants fighter fighters suspect suspects soldier soldiers "
                   "members member commander leader man men woman women person people "
                   "prisoners"),
    "nonviol": ("without~a~fight without~resistance without~fighting without~clashes "
                    "handed~over handover hand~over peacefully withdrawal withdrew "
                    "pulled~out"),
    "space": ("spacex nasa satellite satellites space~agency orbit lunar"),
    "volcano": ("volcano volcanic lava eruption"),
    "disaster": ("flood floods flooding earthquake quake storm cyclone typhoon hurricane "
                     "landslide wildfire drought tsunami"),
}
