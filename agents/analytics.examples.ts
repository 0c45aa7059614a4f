import type { ToolExamples } from './examples.ts';

export const analyticsExamples: ToolExamples[] = [
  { tool: 'revenue_report', says: [
    'revenue {period}', 'how much did we close {period}', 'what did we book {period}', 'revenue by rep {period}', 'bookings {period}', 'won revenue by product',
    'how much revenue did {rep} bring in {period}', 'are we on target {period}', 'revenue vs target', 'total sales {period}', 'what did {team} close {period}',
    'monthly revenue trend {period}', 'revenue by month', 'how much have we sold {period}', 'our numbers {period}', 'rev {period}', 'closed won revenue {period} for {product}', 'what did {rep} close in {period}', 'how much has {rep} closed {period}', 'what has {team} booked {period}', 'what did i close {period}',
    'how r we tracking vs quota this qtr', 'how are we tracking against quota', 'attainment {period}', 'how is {rep} doing {period}', 'how\'s the team doing against target', 'bookings vs last year', 'where is revenue coming from by product',
    'board numbers for {period}', 'give me the top line for {period}', 'total bookings {period} for {team}',
  ] },
  { tool: 'forecast', says: [
    'forecast {period}', 'what\'s the forecast for {period}', 'forecast by rep', 'what will we close {period}', 'commit and best case {period}', 'projected revenue {period}',
    'what are we going to land {period}', 'forecast for {team}', 'best and worst case {period}', 'how much will {rep} close {period}', 'forecast by product {period}',
    'most likely number {period}', 'whats our forecast looking like', 'forcast {period}', 'will we hit the number {period}', 'expected bookings {period}',
    'what are we projecting for {period}', 'team forecast', 'what\'s the call for {period}', 'will {rep} hit {period}', 'landing forecast for {period}',
  ] },
  { tool: 'forecast_snapshot', says: [
    'save a forecast snapshot', 'snapshot the forecast for {period}', 'take a snapshot of the forecast', 'record this forecast', 'freeze the forecast for {period}', 'store todays forecast',
  ] },
  { tool: 'forecast_accuracy', says: [
    'how accurate were our forecasts', 'forecast accuracy {period}', 'how did the forecast compare to actuals', 'were we right about {period}', 'forecast vs actual',
    'how good are our forecasts', 'did we hit what we forecast {period}', 'forecast error by rep',
    'how did last quarter\'s forecast hold up', 'how did the forecast hold up', 'forecast hit rate', 'were our forecasts any good {period}', 'compare the forecast to what closed',
  ] },
  { tool: 'funnel_report', says: [
    'show the funnel', 'conversion funnel {period}', 'lead to customer conversion', 'funnel by source', 'where do leads drop off', 'conversion rates by rep {period}',
    'how many leads became customers {period}', 'funnel by campaign', 'lead conversion {period}', 'drop off in the funnel', 'mql to customer rate', 'funnel report for {team}',
    'how leaky is our funnel', 'where are we losing leads', 'lead to opportunity conversion {period}',
  ] },
  { tool: 'pipeline_health', says: [
    'pipeline health', 'do we have enough pipeline {period}', 'pipeline coverage {period}', 'where are deals getting stuck', 'bottleneck stages', 'sales velocity',
    'how long do deals sit in each stage', 'coverage vs quota', 'is the pipeline healthy', 'stage conversion rates', 'pipeline health for {team} {period}', 'velocity for {rep}',
    'time in stage', 'pipe coverage for {product}',
  ] },
  { tool: 'rep_leaderboard', says: [
    'leaderboard', 'who are the top reps {period}', 'rank reps by revenue', 'who has the best win rate', 'rep leaderboard {period}', 'who closed the most {period}',
    'best performing reps', 'rank the team by quota attainment', 'who is top of the board', 'which rep has the biggest deals', 'most active reps {period}', 'top sellers {period}',
    'how do reps compare', 'who won the most deals {period}', 'fastest closers',
    'who\'s crushing it {period}', 'who is killing it', 'who\'s behind on quota', 'bottom of the leaderboard', 'which reps are struggling',
    'which reps have the longest sales cycle', 'sales cycle by rep', 'who closes fastest', 'reps ranked by activity',
  ] },
  { tool: 'campaign_roi', says: [
    'campaign roi', 'which campaigns work best', 'roi by campaign {period}', 'what did the webinars return', 'return on marketing spend', 'cost per lead by source',
    'which lead sources pay off', 'campaign performance {period}', 'roi of paid search', 'is our event spend worth it', 'best campaigns {period}', 'marketing roi',
  ] },
  { tool: 'engagement_insights', says: [
    'what converts best', 'best time to send emails', 'which subject lines work', 'best day to email', 'reply rates by subject line', 'ab test results',
    'engagement insights {period}', 'what time of day do people open', 'which templates get replies', 'meeting show rate', 'top objections we hear',
    'which industries convert best', 'who engages most by seniority', 'when should i send emails',
    'whats the open rate on our emails', 'email open rates', 'reply rate by template', 'which emails get opened',
  ] },
];
